package io.motam.protocol.file;

import io.motam.domain.FileKind;
import io.motam.protocol.message.FileChunk;
import io.motam.protocol.message.FileDone;
import io.motam.protocol.message.FileOffer;
import io.motam.protocol.message.Message;
import io.motam.protocol.uplink.ThreadCpu;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What it costs the gateway to store a received file: a 64 MiB file handed to {@link FileReceiver}
 * as 1 024 chunks of 64 KiB by one thread (no network, no TLS), from the first chunk to FILE_DONE
 * OK, with direct I/O and through the page cache ({@code motam.link.direct-io}), alternating. It
 * prints the receiver's store thread CPU time (SHA-256, copy, write, fsync every MiB) and the wall
 * time (see docs/benchmarks.md, "Secure link").
 *
 * <p>Run: {@code mvn -B -q -o -pl src-shared test-compile exec:exec
 * -Dmotam.bench.main=io.motam.protocol.file.StoreBench} ({@code -Dmotam.bench.rounds=N},
 * {@code -Dmotam.bench.dir=<folder>}, {@code -Dmotam.bench.only=direct|cache} for one way alone).
 */
public final class StoreBench {
    private static final int FILE_BYTES = 64 << 20;
    private static final int CHUNK = FileChunk.DEFAULT_DATA_LENGTH;

    private StoreBench() {}

    private record Run(double cpuMillis, double wallMillis, boolean direct) {}

    public static void main(String[] args) throws Exception {
        java.util.logging.LogManager.getLogManager().reset(); // figures only
        int rounds = Integer.getInteger("motam.bench.rounds", 3);
        Path base = Path.of(System.getProperty("motam.bench.dir", System.getProperty("java.io.tmpdir")));
        Files.createDirectories(base);
        Path dir = Files.createTempDirectory(base, "motam-store-bench-");
        byte[] content = new byte[FILE_BYTES];
        new Random(7).nextBytes(content);
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(content);
        System.out.printf(
                "MOTAM store bench: 64 MiB through FileReceiver, %d rounds, Java %s, files in %s%n",
                rounds, System.getProperty("java.version"), dir);
        String only = System.getProperty("motam.bench.only", "all");
        boolean[] modes = only.equals("direct")
                ? new boolean[] {true}
                : only.equals("cache") ? new boolean[] {false} : new boolean[] {true, false};
        for (int w = 0; w < 3; w++) {
            for (boolean direct : modes) {
                store(dir, content, sha, direct);
            }
        }
        Map<Boolean, List<Run>> runs = new HashMap<>(Map.of(true, new ArrayList<>(), false, new ArrayList<>()));
        for (int r = 1; r <= rounds; r++) {
            for (boolean direct : modes) {
                Run run = store(dir, content, sha, direct);
                runs.get(direct).add(run);
                System.out.printf(
                        "round %d, %s: store thread %.0f ms CPU, %.0f ms from first chunk to FILE_DONE OK%n",
                        r, label(direct, run), run.cpuMillis, run.wallMillis);
            }
        }
        for (boolean direct : modes) {
            List<Run> list = runs.get(direct);
            System.out.printf(
                    "%s, median of %d: store thread %.0f ms CPU, %.0f ms wall (%.0f MB/s)%n",
                    label(direct, list.get(0)),
                    list.size(),
                    median(list.stream().map(Run::cpuMillis).toList()),
                    median(list.stream().map(Run::wallMillis).toList()),
                    FILE_BYTES / median(list.stream().map(Run::wallMillis).toList()) / 1e3);
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Collections.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
        System.exit(0);
    }

    private static String label(boolean asked, Run run) {
        return asked ? (run.direct ? "direct I/O" : "direct I/O asked, refused by the file system") : "page cache";
    }

    private static Run store(Path dir, byte[] content, byte[] sha, boolean direct) throws Exception {
        UUID id = UUID.randomUUID();
        List<FileChunk> chunks = new ArrayList<>(FILE_BYTES / CHUNK);
        for (int off = 0; off < FILE_BYTES; off += CHUNK) {
            chunks.add(new FileChunk(id, off, Arrays.copyOfRange(content, off, off + CHUNK)));
        }
        CountDownLatch acked = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        FileDone[] outcome = new FileDone[1];
        ReceivedFiles store = new ReceivedFiles() {
            @Override
            public Path partialDir(String cameraId) throws IOException {
                return Files.createDirectories(dir.resolve("partial"));
            }

            @Override
            public boolean holds(String cameraId, FileOffer offer) {
                return false;
            }

            @Override
            public void completed(String cameraId, FileOffer offer, Path verifiedFile) throws IOException {
                Files.delete(verifiedFile);
            }
        };
        FileReceiver receiver = new FileReceiver(
                "bench", store, new FileReceiver.Limits(256L << 20, 1L << 20, direct), new FileReceiver.Replies() {
                    @Override
                    public void send(Message m) {
                        if (m instanceof FileDone d) {
                            outcome[0] = d;
                            done.countDown();
                        } else {
                            acked.countDown();
                        }
                    }

                    @Override
                    public void storageFailed(IOException failure) {
                        throw new IllegalStateException(failure);
                    }
                });
        try {
            receiver.offer(new FileOffer(id, FileKind.MODEL, "bench-" + id + ".bin", FILE_BYTES, sha));
            if (!acked.await(10, TimeUnit.SECONDS)) {
                throw new IOException("no FILE_ACK for the offer");
            }
            ThreadCpu cpu = ThreadCpu.snapshot();
            long t0 = System.nanoTime();
            for (FileChunk c : chunks) {
                receiver.chunk(c);
            }
            if (!done.await(30, TimeUnit.SECONDS) || outcome[0].status() != FileDone.Status.OK) {
                throw new IOException("file not stored: " + outcome[0]);
            }
            double wall = (System.nanoTime() - t0) / 1e6;
            return new Run(cpu.millisSince("motam-files-"), wall, direct && PartWriterProbe.directWorks(dir));
        } finally {
            receiver.close();
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** Whether a large file in {@code dir} gets direct I/O (the process-wide verdict of {@link PartWriter}). */
    private static final class PartWriterProbe {
        static boolean directWorks(Path dir) throws IOException {
            Path probe = Files.createTempFile(dir, "probe", ".part");
            try (PartWriter w = PartWriter.open(probe, 0, PartWriter.DIRECT_MIN, new PartWriter.RunBuffers())) {
                return w.direct();
            } finally {
                Files.deleteIfExists(probe);
            }
        }
    }
}
