package io.motam.protocol.delivery;

import io.motam.domain.Verdict;
import io.motam.protocol.frame.FrameWriter;
import io.motam.protocol.message.MessageCodec;
import io.motam.protocol.message.Recognition;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * What a camera start costs when its outbox is full: {@link Outbox#open} over
 * {@code motam.link.outbox-limit} (100 000) pending events, each frame read back, checked to be a
 * whole EVENT that decodes, and queued. The frame file is written directly (no fsync per event),
 * as a long gateway outage would have left it.
 *
 * <pre>
 * mvn -B -q -o -pl src-shared test-compile exec:exec -Dmotam.bench.main=io.motam.protocol.delivery.OutboxBench
 * </pre>
 */
public final class OutboxBench {
    private static final int EVENTS = 100_000;

    private OutboxBench() {}

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("motam.bench.rounds", 5);
        String base = System.getProperty("motam.bench.dir", "");
        Path dir = base.isBlank()
                ? Files.createTempDirectory("motam-outbox-bench")
                : Files.createTempDirectory(Path.of(base), "motam-outbox-bench");
        Path frames = dir.resolve(Outbox.FRAMES_FILE);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(frames))) {
            for (int i = 1; i <= EVENTS; i++) {
                Recognition e = new Recognition(
                        new UUID(9, i), Instant.ofEpochMilli(1_700_000_000_000L + i), Verdict.UNKNOWN, 140.5, 126.2, 1);
                out.write(FrameWriter.encode(MessageCodec.toFrame(e, i)));
            }
        }
        System.out.printf(
                "outbox reopen bench: %d pending events, %d bytes of frames in %s%n", EVENTS, Files.size(frames), dir);
        long[] ms = new long[rounds + 1];
        for (int r = 0; r < ms.length; r++) { // the first is the cold open of a camera start
            long t0 = System.nanoTime();
            try (Outbox o = Outbox.open(dir, EVENTS)) {
                ms[r] = (System.nanoTime() - t0) / 1_000_000;
                if (o.pendingCount() != EVENTS) {
                    throw new IllegalStateException("expected " + EVENTS + " pending but was " + o.pendingCount());
                }
            }
            System.out.printf(
                    "%s: open with %d pending events in %d ms%n",
                    r == 0 ? "cold JVM (a camera start)" : "round " + r, EVENTS, ms[r]);
        }
        long[] measured = Arrays.copyOfRange(ms, 1, ms.length);
        Arrays.sort(measured);
        System.out.printf(
                "outbox open with %d pending events: %d ms cold, median of %d warm rounds %d ms%n",
                EVENTS, ms[0], rounds, measured[measured.length / 2]);
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }
}
