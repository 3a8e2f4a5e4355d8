package io.motam.protocol.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.domain.Verdict;
import io.motam.protocol.frame.Frame;
import io.motam.protocol.frame.FrameFormat;
import io.motam.protocol.message.MessageCodec;
import io.motam.protocol.message.Recognition;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage inside the frame file (a bad sector, not a crash mid-append): the damaged event is lost
 * and said so, every whole event after it is kept with its number, and none blocks the link.
 */
class OutboxDamageTest {
    private static final int EVENTS = 6;

    @TempDir
    Path dir;

    private final List<Recognition> events = new ArrayList<>();
    /** Byte offset of each frame in the file; index i is event i + 1. */
    private final List<Integer> starts = new ArrayList<>();

    private Path framesWith(int acked) throws Exception {
        Path file = dir.resolve(Outbox.FRAMES_FILE);
        try (Outbox o = Outbox.open(dir, 100)) {
            for (int i = 1; i <= EVENTS; i++) {
                starts.add((int) (Files.exists(file) ? Files.size(file) : 0));
                Recognition e = new Recognition(new UUID(7, i), Instant.ofEpochMilli(i), Verdict.KNOWN, i, 60, 1);
                events.add(e);
                o.add(e);
            }
            o.acked(acked);
        }
        return file;
    }

    private static void damage(Path file, int at, byte value) throws Exception {
        byte[] b = Files.readAllBytes(file);
        b[at] = value;
        Files.write(file, b);
    }

    private static List<Long> numbers(List<Frame> frames) {
        return frames.stream().map(Frame::sequence).toList();
    }

    /** Reopens twice: the first open repairs, the second finds a clean file with the same content. */
    private List<Frame> reopenedPending(Path file) throws Exception {
        List<Frame> first;
        try (Outbox o = Outbox.open(dir, 100)) {
            first = o.next(0, Integer.MAX_VALUE);
        }
        long repaired = Files.size(file);
        try (Outbox o = Outbox.open(dir, 100)) {
            assertEquals(numbers(first), numbers(o.next(0, Integer.MAX_VALUE)), "the repaired file reads the same");
            assertEquals(repaired, Files.size(file), "nothing more to repair");
            assertEquals(EVENTS + 1, o.add(events.get(0)), "numbering goes on after the last event");
            assertEquals(List.of((long) EVENTS + 1), numbers(o.next(EVENTS, 10)));
        }
        return first;
    }

    @Test
    void undecodablePayload_midFile_losesThatEventOnlyAndKeepsTheRest() throws Exception {
        Path file = framesWith(1);
        damage(file, starts.get(2) + FrameFormat.HEADER_LENGTH, (byte) 0x7F); // event 3: unknown event kind
        List<Frame> pending = reopenedPending(file);
        assertEquals(List.of(2L, 4L, 5L, 6L), numbers(pending));
        assertEquals(events.get(3), MessageCodec.decode(pending.get(1)), "event 4 intact, with its number");
    }

    @Test
    void damagedHeader_midFile_resynchronisesOnTheNextEvent() throws Exception {
        Path file = framesWith(0);
        damage(file, starts.get(1), (byte) 0x55); // event 2: frame version
        assertEquals(List.of(1L, 3L, 4L, 5L, 6L), numbers(reopenedPending(file)));
    }

    @Test
    void damagedLength_pointingPastTheEnd_isNotTakenForATornTail() throws Exception {
        Path file = framesWith(0);
        byte[] b = Files.readAllBytes(file);
        ByteBuffer.wrap(b).putInt(starts.get(3) + FrameFormat.HEADER_LENGTH - 4, 60_000); // event 4's length
        Files.write(file, b);
        assertEquals(List.of(1L, 2L, 3L, 5L, 6L), numbers(reopenedPending(file)));
    }

    @Test
    void pendingWithAGap_isServedInOrderFromAnyPoint() throws Exception {
        Path file = framesWith(0);
        damage(file, starts.get(2) + FrameFormat.HEADER_LENGTH, (byte) 0x7F); // event 3 lost
        try (Outbox o = Outbox.open(dir, 100)) {
            assertEquals(List.of(4L, 5L), numbers(o.next(2, 2)));
            assertEquals(List.of(4L, 5L, 6L), numbers(o.next(3, 10)));
            o.acked(4);
            assertEquals(List.of(5L, 6L), numbers(o.next(0, 10)));
            assertEquals(2, o.pendingCount());
        }
    }

    @Test
    void tornLastFrame_isStillCutWithoutCallingItDamage() throws Exception {
        Path file = framesWith(0);
        long whole = Files.size(file);
        Files.write(file, java.util.Arrays.copyOf(Files.readAllBytes(file), (int) whole - 5));
        try (Outbox o = Outbox.open(dir, 100)) {
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), numbers(o.next(0, Integer.MAX_VALUE)));
            assertEquals(starts.get(5), (int) Files.size(file));
            assertTrue(o.add(events.get(0)) > 5, "a number is never given twice");
        }
    }
}
