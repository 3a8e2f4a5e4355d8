package io.motam.protocol.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.domain.Verdict;
import io.motam.protocol.frame.Frame;
import io.motam.protocol.frame.ProtocolException;
import io.motam.protocol.message.MessageCodec;
import io.motam.protocol.message.Recognition;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
    @TempDir
    Path dir;

    private static Recognition event(int i) {
        return new Recognition(UUID.randomUUID(), Instant.ofEpochMilli(i), Verdict.KNOWN, i, 60, 1);
    }

    @Test
    void add_numbersEventsFromOne_andKeepsThemUntilAcked() throws Exception {
        try (Outbox o = Outbox.open(dir, 10)) {
            assertEquals(1, o.add(event(1)));
            assertEquals(2, o.add(event(2)));
            assertEquals(2, o.next(0, Integer.MAX_VALUE).size());
            o.acked(1);
            List<Frame> left = o.next(0, Integer.MAX_VALUE);
            assertEquals(1, left.size());
            assertEquals(2, left.get(0).sequence());
        }
    }

    @Test
    void reopen_afterCrash_keepsUnackedEventsAndNumbering() throws Exception {
        Recognition third;
        try (Outbox o = Outbox.open(dir, 10)) {
            o.add(event(1));
            o.add(event(2));
            third = event(3);
            o.add(third);
            o.acked(1);
        }
        try (Outbox o = Outbox.open(dir, 10)) {
            List<Frame> left = o.next(0, Integer.MAX_VALUE);
            assertEquals(List.of(2L, 3L), left.stream().map(Frame::sequence).toList());
            assertEquals(third, MessageCodec.decode(left.get(1)));
            assertEquals(4, o.add(event(4)));
        }
    }

    @Test
    void reopen_withTornTail_cutsOnlyTheTornFrame() throws Exception {
        try (Outbox o = Outbox.open(dir, 10)) {
            o.add(event(1));
            o.add(event(2));
        }
        Path frames = dir.resolve("outbox.frames");
        try (FileChannel ch = FileChannel.open(frames, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 3);
        }
        try (Outbox o = Outbox.open(dir, 10)) {
            assertEquals(1, o.pendingCount());
            assertEquals(2, o.add(event(2)));
        }
    }

    @Test
    void acked_everything_survivesReopenWithNumberingIntact() throws Exception {
        try (Outbox o = Outbox.open(dir, 10)) {
            o.add(event(1));
            o.add(event(2));
            o.acked(2);
        }
        try (Outbox o = Outbox.open(dir, 10)) {
            assertEquals(0, o.pendingCount());
            assertEquals(3, o.add(event(3)));
        }
    }

    @Test
    void acked_beyondCompactionThreshold_emptiesFrameFile() throws Exception {
        try (Outbox o = Outbox.open(dir, 10_000)) {
            long last = 0;
            while (java.nio.file.Files.size(dir.resolve(Outbox.FRAMES_FILE)) < Outbox.COMPACT_BYTES) {
                last = o.add(event((int) last));
            }
            o.acked(last);
            assertEquals(0, java.nio.file.Files.size(dir.resolve(Outbox.FRAMES_FILE)));
            assertEquals(last + 1, o.add(event(0)));
        }
    }

    @Test
    void acked_partOfALargeBacklog_compactsFileToThePendingFrames() throws Exception {
        try (Outbox o = Outbox.open(dir, 10_000)) {
            long last = 0;
            while (java.nio.file.Files.size(dir.resolve(Outbox.FRAMES_FILE)) < 2 * Outbox.COMPACT_BYTES) {
                last = o.add(event((int) last));
            }
            long half = last / 2 + 100;
            o.acked(half);
            assertEquals(last - half, o.pendingCount());
        }
        try (Outbox o = Outbox.open(dir, 10_000)) {
            List<Frame> left = o.next(0, Integer.MAX_VALUE);
            assertEquals(o.pendingCount(), left.size());
            assertTrue(left.get(0).sequence() > 1, "acknowledged frames are gone from the file");
        }
    }

    @Test
    void welcome_receiverAheadOfALostOutbox_renumbersPendingAfterIt() throws Exception {
        try (Outbox o = Outbox.open(dir, 10)) {
            o.add(event(1));
            o.add(event(2));
            assertEquals(500, o.welcome(500));
            List<Frame> left = o.next(500, 10);
            assertEquals(List.of(501L, 502L), left.stream().map(Frame::sequence).toList());
            assertEquals(503, o.add(event(3)));
        }
        try (Outbox o = Outbox.open(dir, 10)) {
            assertEquals(
                    List.of(501L, 502L, 503L),
                    o.next(0, Integer.MAX_VALUE).stream().map(Frame::sequence).toList());
        }
    }

    @Test
    void welcome_receiverHoldsSome_dropsThemAndSendsTheRest() throws Exception {
        try (Outbox o = Outbox.open(dir, 10)) {
            for (int i = 1; i <= 4; i++) {
                o.add(event(i));
            }
            assertEquals(2, o.welcome(2));
            assertEquals(
                    List.of(3L, 4L), o.next(2, 10).stream().map(Frame::sequence).toList());
            assertEquals(2, o.pendingCount());
        }
    }

    @Test
    void add_beyondLimit_throwsOutboxFull_andKeepsWhatItHas() throws Exception {
        try (Outbox o = Outbox.open(dir, 2)) {
            o.add(event(1));
            o.add(event(2));
            assertThrows(OutboxFullException.class, () -> o.add(event(3)));
            assertEquals(2, o.pendingCount());
        }
    }

    @Test
    void acked_beyondLastSent_throwsProtocolException() throws IOException {
        try (Outbox o = Outbox.open(dir, 2)) {
            o.add(event(1));
            assertThrows(ProtocolException.class, () -> o.acked(5));
            assertTrue(o.pendingCount() == 1);
        }
    }
}
