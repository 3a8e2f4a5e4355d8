package io.motam.systemd;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.DatagramPacket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * The notify protocol over a real Unix datagram socket bound by the test in systemd's place
 * (a file socket and an abstract one): what arrives, when, and that nothing is sent without
 * {@code NOTIFY_SOCKET}.
 */
class ServiceNotifierTest {
    @TempDir
    Path tmp;

    private AFUNIXDatagramSocket systemd;

    @AfterEach
    void closeSocket() {
        if (systemd != null) {
            systemd.close();
        }
    }

    private String bindFile() throws Exception {
        File path = tmp.resolve("notify").toFile();
        systemd = AFUNIXDatagramSocket.newInstance();
        systemd.bind(AFUNIXSocketAddress.of(path));
        systemd.setSoTimeout(5_000);
        return path.getPath();
    }

    private String bindAbstract() throws Exception {
        String name = "motam-test-" + UUID.randomUUID();
        systemd = AFUNIXDatagramSocket.newInstance();
        systemd.bind(AFUNIXSocketAddress.inAbstractNamespace(name));
        systemd.setSoTimeout(5_000);
        return "@" + name;
    }

    private String receive() throws Exception {
        byte[] buf = new byte[ServiceNotifier.MAX_MESSAGE_BYTES];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        systemd.receive(p);
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    }

    private String receiveWithin(Duration d) throws Exception {
        systemd.setSoTimeout((int) d.toMillis());
        try {
            return receive();
        } catch (SocketTimeoutException e) {
            return null;
        } finally {
            systemd.setSoTimeout(5_000);
        }
    }

    @Test
    void ready_toFileSocket_sendsReadyWithStatusInOneDatagram() throws Exception {
        String path = bindFile();
        try (ServiceNotifier n = ServiceNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", path))) {
            assertTrue(n.enabled());
            n.ready("link on tcp:0.0.0.0:7001\nHTTP up");
            assertEquals("READY=1\nSTATUS=link on tcp:0.0.0.0:7001 HTTP up\n", receive());
            n.watchdogPing();
            assertEquals("WATCHDOG=1\n", receive());
            n.stopping();
            assertEquals("STOPPING=1\nSTATUS=stopping\n", receive());
        }
    }

    @Test
    void ready_toAbstractSocket_arrives() throws Exception {
        String name = bindAbstract();
        try (ServiceNotifier n = ServiceNotifier.to(name, Optional.empty())) {
            n.ready("up");
            assertEquals("READY=1\nSTATUS=up\n", receive());
        }
    }

    @Test
    void fromEnvironment_withoutNotifySocket_isDisabledAndSendsNothing() {
        ServiceNotifier n = ServiceNotifier.fromEnvironment(Map.of("WATCHDOG_USEC", "30000000"));
        assertFalse(n.enabled());
        assertFalse(n.send("READY=1\n"));
        assertEquals(Optional.empty(), n.watchdog());
    }

    @Test
    void heartbeat_withoutNotifySocket_neverCallsTheCheck() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (ServiceHeartbeat hb = new ServiceHeartbeat(
                ServiceNotifier.fromEnvironment(Map.of()),
                () -> {
                    calls.incrementAndGet();
                    return Optional.empty();
                },
                "up",
                Duration.ofMillis(10))) {
            hb.start();
            // a started heartbeat would check every 10 ms
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> calls.get() == 0);
            assertEquals(ServiceHeartbeat.State.STARTING, hb.state());
        }
    }

    @Test
    void watchdogInterval_readsUsecAndHonoursWatchdogPid() {
        assertEquals(
                Optional.of(Duration.ofSeconds(30)),
                ServiceNotifier.watchdogInterval(Map.of("WATCHDOG_USEC", "30000000"), 42));
        assertEquals(
                Optional.of(Duration.ofSeconds(30)),
                ServiceNotifier.watchdogInterval(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "42"), 42));
        assertEquals(
                Optional.empty(),
                ServiceNotifier.watchdogInterval(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "43"), 42));
        assertEquals(Optional.empty(), ServiceNotifier.watchdogInterval(Map.of("WATCHDOG_USEC", "soon"), 42));
        assertEquals(Optional.empty(), ServiceNotifier.watchdogInterval(Map.of(), 42));
    }

    @Test
    void to_blankSocket_rejected() {
        assertThrows(IllegalArgumentException.class, () -> ServiceNotifier.to("@", Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> ServiceNotifier.to("/x", Optional.of(Duration.ZERO)));
    }

    @Test
    void send_toMissingSocket_returnsFalseWithoutThrowing() {
        try (ServiceNotifier n =
                ServiceNotifier.to(tmp.resolve("nobody-listens").toString(), Optional.empty())) {
            assertFalse(n.send("READY=1\n"));
        }
    }

    @Test
    void heartbeat_healthyAfterStart_sendsReadyThenWatchdogAtHalfTheIntervalThenStopping() throws Exception {
        String path = bindFile();
        AtomicBoolean healthy = new AtomicBoolean(false);
        ServiceNotifier n = ServiceNotifier.to(path, Optional.of(Duration.ofMillis(400)));
        try (ServiceHeartbeat hb = new ServiceHeartbeat(
                n,
                () -> healthy.get() ? Optional.empty() : Optional.of("link not listening"),
                "gateway up",
                Duration.ofMillis(20))) {
            hb.start();
            assertEquals("STATUS=starting: link not listening\n", receive());
            assertNull(receiveWithin(Duration.ofMillis(200)), "no READY before the check is healthy");
            healthy.set(true);
            assertEquals("READY=1\nSTATUS=gateway up\n", receive());
            assertEquals(ServiceHeartbeat.State.READY, hb.state());
            long before = System.nanoTime();
            assertEquals("WATCHDOG=1\n", receive());
            long waitedMillis = (System.nanoTime() - before) / 1_000_000;
            assertTrue(
                    waitedMillis >= 150 && waitedMillis < 1_000,
                    "expected a ping after about 200 ms but was " + waitedMillis);
            assertEquals("WATCHDOG=1\n", receive());

            healthy.set(false);
            // the next tick finds the problem: a status line, then no more pings
            String msg;
            do {
                msg = receive();
            } while (msg.equals("WATCHDOG=1\n"));
            assertEquals("STATUS=link not listening\n", msg);
            assertNull(receiveWithin(Duration.ofMillis(600)), "no ping while unhealthy");

            healthy.set(true);
            assertEquals("STATUS=gateway up\n", receive());
            assertEquals("WATCHDOG=1\n", receive());
            hb.stop();
            String last;
            do {
                last = receive();
            } while (last.equals("WATCHDOG=1\n"));
            assertEquals("STOPPING=1\nSTATUS=stopping\n", last);
            assertEquals(ServiceHeartbeat.State.STOPPED, hb.state());
        }
    }
}
