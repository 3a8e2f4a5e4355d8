package io.motam.protocol.uplink;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.domain.FileKind;
import io.motam.protocol.message.Close;
import io.motam.protocol.message.FileOffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link is cut (and sometimes silently stalled) at random points while a 20 MiB file and
 * 10 000 events go through, and camera and gateway are restarted in the middle: every event
 * arrives exactly once and in order, and the file arrives once with the right SHA-256.
 */
class LinkFaultTest {
    private static final int EVENTS = 10_000;
    private static final int FILE_BYTES = 20 << 20;

    @TempDir
    Path tmp;

    private Harness h;

    @AfterEach
    void tearDown() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void randomCutsAndStalls_fileAndTenThousandEvents_everythingExactlyOnceInOrder() throws Exception {
        long seed = Long.getLong("motam.fault.seed", System.nanoTime());
        System.out.println("LinkFaultTest seed " + seed + " (rerun with -Dmotam.fault.seed=" + seed + ")");
        Random random = new Random(seed);
        h = new Harness(tmp).paired();
        h.cameraSettings = h.cameraSettings.withKeepalive(Duration.ofMillis(600));
        h.gatewaySettings = h.gatewaySettings.withKeepalive(Duration.ofMillis(600));
        AtomicInteger cuts = new AtomicInteger();
        AtomicInteger stalls = new AtomicInteger();
        h.faults = t -> {
            boolean stall = random.nextInt(6) == 0;
            (stall ? stalls : cuts).incrementAndGet();
            long budget = 16_384 + (long) (random.nextDouble() * 3_000_000);
            return new FaultyLink(t, stall ? FaultyLink.Mode.STALL : FaultyLink.Mode.CUT, budget);
        };

        byte[] content = new byte[FILE_BYTES];
        random.nextBytes(content);
        Path source = tmp.resolve("model.bin");
        Files.write(source, content);
        FileOffer offer = h.files.enqueue(FileKind.MODEL, source);
        h.startUplink();

        for (int i = 1; i <= EVENTS / 2; i++) {
            h.outbox.add(Events.numbered(i));
        }
        // the camera restarts: queues closed and reopened from disk, a new uplink
        h.stopCamera();
        h.openCameraQueues();
        h.startUplink();
        for (int i = EVENTS / 2 + 1; i <= EVENTS; i++) {
            h.outbox.add(Events.numbered(i));
            if (i == EVENTS * 3 / 4) {
                // the gateway restarts: every session dropped; journal and partial files stay
                h.keys.active.closeAll(Close.Reason.SHUTDOWN);
            }
        }

        await().atMost(Duration.ofSeconds(75))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> h.sink.count() >= EVENTS && h.files.count() == 0 && h.outbox.pendingCount() == 0);

        List<MemorySink.Delivered> delivered = h.sink.delivered();
        assertEquals(EVENTS, delivered.size(), "every event once");
        for (int i = 0; i < EVENTS; i++) {
            assertEquals(i + 1, delivered.get(i).sequence(), "in order, numbered without gaps");
            assertEquals(i + 1, Events.numberOf(delivered.get(i).event()), "the event that was numbered so");
        }
        assertEquals(0, h.sink.violations());
        assertEquals(List.of(offer), h.store.completed(), "the file once");
        byte[] arrived = Files.readAllBytes(h.store.file(Harness.CAMERA, "model.bin"));
        assertArrayEquals(
                MessageDigest.getInstance("SHA-256").digest(content),
                MessageDigest.getInstance("SHA-256").digest(arrived));
        System.out.printf(
                "LinkFaultTest: %d cuts, %d stalls, %d connections, %d duplicates dropped by the gateway%n",
                cuts.get(),
                stalls.get(),
                h.receivers.size(),
                h.receivers.stream().mapToLong(GatewayConnection::duplicates).sum());
        assertTrue(cuts.get() + stalls.get() >= 5, "the link was broken several times");
    }
}
