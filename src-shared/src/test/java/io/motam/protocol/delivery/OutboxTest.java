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
            assertEquals(2, o.after(0, 0).size());
            o.acked(1);
            List<Frame> left = o.after(0, 0);
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
            List<Frame> left = o.after(0, 0);
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
    void acked_everything_emptiesFrameFileAndSurvivesReopen() throws Exception {
        try (Outbox o = Outbox.open(dir, 10)) {
            o.add(event(1));
            o.add(event(2));
            o.acked(2);
            assertEquals(0, java.nio.file.Files.size(dir.resolve("outbox.frames")));
        }
        try (Outbox o = Outbox.open(dir, 10)) {
            assertEquals(0, o.pendingCount());
            assertEquals(3, o.add(event(3)));
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
