package io.motam.protocol.uplink;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A link that silently stops delivering bytes is found dead within the keepalive; a quiet live one is not. */
class KeepaliveTest {
    private static final Duration KEEPALIVE = Duration.ofMillis(1000);
    /** Scheduling jitter allowed on a busy two-core machine. */
    private static final long SLACK_MILLIS = 250;

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
    void silentlyStalledLink_whileIdle_bothEndsDropItWithinKeepalive() throws Exception {
        h = new Harness(tmp).paired();
        h.cameraSettings = h.cameraSettings.withKeepalive(KEEPALIVE);
        h.gatewaySettings = h.gatewaySettings.withKeepalive(KEEPALIVE);
        AtomicReference<FaultyLink> first = new AtomicReference<>();
        h.faults = t -> {
            FaultyLink f = new FaultyLink(t, FaultyLink.Mode.STALL, Long.MAX_VALUE);
            first.compareAndSet(null, f);
            return f;
        };
        h.startUplink();
        await().atMost(Duration.ofSeconds(10)).until(() -> h.uplink.connected());

        first.get().breakNow();
        long stalledAt = first.get().brokenAtNanos();
        await().atMost(KEEPALIVE.multipliedBy(3)).until(() -> !h.gatewayOutcomes.isEmpty());
        long gatewayMillis = TimeUnit.NANOSECONDS.toMillis(h.gatewayEnds.get(0) - stalledAt);
        assertInstanceOf(
                KeepaliveTimeoutException.class,
                h.gatewayOutcomes.get(0).failure().orElseThrow());
        assertTrue(
                gatewayMillis <= KEEPALIVE.toMillis() + SLACK_MILLIS,
                "gateway found the link dead after " + gatewayMillis + " ms");
        await().atMost(Duration.ofMillis(KEEPALIVE.toMillis() + SLACK_MILLIS))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> h.uplink.connections() >= 2);
        long cameraMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stalledAt);
        assertTrue(
                cameraMillis <= KEEPALIVE.toMillis() + SLACK_MILLIS + 100,
                "camera found the link dead and redialled after " + cameraMillis + " ms");
        await().atMost(Duration.ofSeconds(10)).until(() -> h.uplink.connected());
    }

    @Test
    void quietLiveLink_noTraffic_staysUpAcrossManyKeepalives() throws Exception {
        h = new Harness(tmp).paired();
        Duration keepalive = Duration.ofMillis(300);
        h.cameraSettings = h.cameraSettings.withKeepalive(keepalive);
        h.gatewaySettings = h.gatewaySettings.withKeepalive(keepalive);
        h.startUplink();
        await().atMost(Duration.ofSeconds(10)).until(() -> h.uplink.connected());
        await().during(keepalive.multipliedBy(8))
                .atMost(keepalive.multipliedBy(10))
                .until(() -> h.uplink.connected() && h.gatewayOutcomes.isEmpty());
        assertEquals(1, h.uplink.connections());
    }
}
