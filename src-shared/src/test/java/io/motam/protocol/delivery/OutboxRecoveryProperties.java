package io.motam.protocol.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.domain.Verdict;
import io.motam.protocol.frame.Frame;
import io.motam.protocol.message.Recognition;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** A crash that tears the frame file anywhere loses at most the torn frame and never reuses a number. */
class OutboxRecoveryProperties {

    @Property(tries = 60)
    void tornFrameFileAtAnyByte_reopenKeepsAWholePrefixAndNumbersOnwards(
            @ForAll @IntRange(min = 1, max = 12) int events,
            @ForAll @IntRange(min = 0, max = 12) int acked,
            @ForAll @IntRange(min = 0, max = 2000) int cutAt,
            @ForAll byte garbage)
            throws Exception {
        Path dir = Files.createTempDirectory("outbox-prop");
        try {
            int ack = Math.min(acked, events);
            try (Outbox o = Outbox.open(dir, 100)) {
                for (int i = 1; i <= events; i++) {
                    o.add(new Recognition(new UUID(1, i), Instant.ofEpochMilli(i), Verdict.KNOWN, i, 60, 1));
                }
                o.acked(ack);
            }
            Path frames = dir.resolve(Outbox.FRAMES_FILE);
            try (FileChannel ch = FileChannel.open(frames, StandardOpenOption.WRITE)) {
                long cut = Math.min(cutAt, ch.size());
                ch.truncate(cut);
                ch.write(java.nio.ByteBuffer.wrap(new byte[] {garbage}), cut);
            }
            try (Outbox o = Outbox.open(dir, 100)) {
                List<Frame> left = o.next(0, Integer.MAX_VALUE);
                for (int i = 0; i < left.size(); i++) {
                    assertEquals(left.get(0).sequence() + i, left.get(i).sequence(), "consecutive");
                    assertTrue(left.get(i).sequence() > ack);
                }
                long next = o.add(new Recognition(new UUID(2, 0), Instant.EPOCH, Verdict.KNOWN, 0, 60, 1));
                assertTrue(next > ack, "never a number the receiver already holds");
                assertTrue(left.isEmpty() || next > left.get(left.size() - 1).sequence());
            }
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }
}
