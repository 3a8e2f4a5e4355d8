package io.motam.gateway.link;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.motam.domain.Verdict;
import io.motam.gateway.audit.AuditLog;
import io.motam.gateway.bluetooth.Blocklist;
import io.motam.gateway.bluetooth.RadioAdapterControl;
import io.motam.gateway.config.LinkConfig;
import io.motam.gateway.ops.Operator;
import io.motam.gateway.testing.GatewayProfile;
import io.motam.gateway.testing.TestCamera;
import io.motam.protocol.message.Ack;
import io.motam.protocol.message.Message;
import io.motam.protocol.message.Recognition;
import io.motam.protocol.message.Welcome;
import io.motam.protocol.pairing.PairingOffer;
import io.motam.protocol.session.Identity;
import io.motam.protocol.session.SessionClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Unauthenticated peers against the running gateway's link server over real TCP and TLS 1.3:
 * silent links fill the handshake slots and the next one is closed at once; 40 stalling peers and
 * 200 handshakes from fresh keys leave an authorised camera able to connect and deliver, the
 * session threads, the audit log and the block list bounded. Floods come from their own loopback addresses
 * (127.0.0.2x, 127.0.0.3x) so that the per-source limits of other tests' 127.0.0.1 are untouched.
 */
@QuarkusTest
@TestProfile(GatewayProfile.class)
class LinkFloodTest {
    private static final String SESSION_THREAD = "motam-session-";

    @Inject
    LinkServer link;

    @Inject
    LinkConfig config;

    @Inject
    Identity gateway;

    @Inject
    Operator operator;

    @Inject
    ActiveCameras active;

    @Inject
    Blocklist blocklist;

    @Inject
    RadioAdapterControl radio;

    @Inject
    AuditLog audit;

    @Inject
    MeterRegistry meters;

    @Inject
    ObjectMapper mapper;

    private double refused(String reason) {
        Counter c = meters.find("motam.link.handshakes.refused")
                .tag("reason", reason)
                .counter();
        return c == null ? 0 : c.count();
    }

    private int handshakes() {
        Gauge g = meters.find("motam.link.handshakes").gauge();
        return g == null ? -1 : (int) g.value();
    }

    private Socket silent(String from) throws IOException {
        Socket s = TestCamera.connectFrom(InetAddress.getByName(from), link.endpoint());
        s.setSoTimeout(2000);
        return s;
    }

    /** Reads until the gateway closes the socket; how long that took. */
    private static Duration closedWithin(Socket s) throws IOException {
        long start = System.nanoTime();
        try {
            while (s.getInputStream().read() >= 0) {
                // the gateway sends nothing to a refused link; any byte would be read and ignored
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("expected the gateway to close the link at once, but it stayed open for "
                    + s.getSoTimeout() + " ms");
        } catch (IOException reset) {
            // closed with a reset: closed all the same
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static int sessionThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(SESSION_THREAD))
                .count();
    }

    @Test
    void silentLinks_fillTheSlots_nextFromBusySourceOrFullPoolClosedAtOnce_slotsFreedWhenTheyEnd() throws Exception {
        assertEquals(8, config.maxHandshakes());
        assertEquals(2, config.maxHandshakesPerSource());
        await().atMost(Duration.ofSeconds(10)).until(() -> handshakes() == 0);
        double busyBefore = refused("source_busy");
        double fullBefore = refused("pool_full");
        List<Socket> held = new ArrayList<>();
        try {
            held.add(silent("127.0.0.21"));
            held.add(silent("127.0.0.21"));
            await().atMost(Duration.ofSeconds(2)).until(() -> handshakes() == 2);
            try (Socket third = silent("127.0.0.21")) {
                closedWithin(third);
            }
            assertEquals(busyBefore + 1, refused("source_busy"), "a third link from one address is refused");

            for (String from : List.of("127.0.0.22", "127.0.0.23", "127.0.0.24")) {
                held.add(silent(from));
                held.add(silent(from));
            }
            await().atMost(Duration.ofSeconds(2)).until(() -> handshakes() == 8);
            try (Socket ninth = silent("127.0.0.25")) {
                closedWithin(ninth);
            }
            assertEquals(fullBefore + 1, refused("pool_full"), "a ninth link from a fresh address is refused");
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
        await("slots given back when the links end")
                .atMost(Duration.ofSeconds(5))
                .until(() -> handshakes() == 0);
        try (Socket again = silent("127.0.0.25")) {
            await().atMost(Duration.ofSeconds(2)).until(() -> handshakes() == 1);
        }
    }

    @Test
    void flood_40StalledPeersAnd200FreshKeys_cameraStillDelivers_threadsAuditAndBlockListBounded() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> handshakes() == 0 && active.count() == 0);
        long auditStart;
        try (var lines = Files.lines(audit.path())) {
            auditStart = lines.count();
        }
        AtomicInteger peakThreads = new AtomicInteger(sessionThreads());
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(
                () -> peakThreads.accumulateAndGet(sessionThreads(), Math::max), 0, 10, TimeUnit.MILLISECONDS);
        ExecutorService flood = Executors.newFixedThreadPool(32);
        List<Socket> stalled = new ArrayList<>();
        try (TestCamera camera = new TestCamera("cam-flood")) {
            PairingOffer offer = operator.issueOffer("test").offer().orElseThrow();
            long last = assertInstanceOf(
                            Welcome.class, camera.connect(link.endpoint(), gateway.fingerprint(), offer.secret()))
                    .lastAcked();
            camera.close();

            List<String> sources = new ArrayList<>();
            for (int i = 30; i < 40; i++) {
                sources.add("127.0.0." + i);
            }
            // 40 peers that connect and stall (each would hold a thread until the handshake timeout) ...
            double closedBefore = refused("pool_full") + refused("source_busy");
            for (int i = 0; i < 40; i++) {
                stalled.add(TestCamera.connectFrom(
                        InetAddress.getByName(sources.get(i % sources.size())), link.endpoint()));
            }
            // ... and 200 full handshakes, each from a fresh key
            AtomicInteger admitted = new AtomicInteger();
            List<Future<?>> attempts = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String from = sources.get(i % sources.size());
                attempts.add(flood.submit(() -> {
                    Identity stranger = Identity.generate("motam-camera-stranger");
                    try (Socket s = TestCamera.connectFrom(InetAddress.getByName(from), link.endpoint())) {
                        s.setSoTimeout(5000);
                        SessionClient.connect(s.getInputStream(), s.getOutputStream(), stranger, gateway.fingerprint())
                                .close();
                        admitted.incrementAndGet();
                    } catch (IOException refusedOrClosed) {
                        // refused at the handshake, or closed at once for want of a slot
                    }
                    return null;
                }));
            }

            // during the flood: the authorised camera gets in (retrying while the slots are taken) and delivers
            last = deliver(camera, last + 1);
            for (Future<?> f : attempts) {
                f.get(60, TimeUnit.SECONDS);
            }
            // after it: once more
            deliver(camera, last + 1);

            assertEquals(0, admitted.get(), "no stranger completed a handshake");
            int bound = config.maxHandshakes() + 1 /* max-cameras */ + 2 /* threads ending as others start */;
            assertTrue(
                    peakThreads.get() <= bound,
                    "expected at most " + bound + " session threads but saw " + peakThreads.get());
            assertTrue(
                    refused("pool_full") + refused("source_busy") - closedBefore >= 32,
                    "at least the stalled peers beyond the 8 slots were closed at once");
        } finally {
            sampler.shutdownNow();
            flood.shutdownNow();
            for (Socket s : stalled) {
                s.close();
            }
        }

        List<JsonNode> denials = new ArrayList<>();
        try (var lines = Files.lines(audit.path())) {
            for (String line : lines.skip(auditStart).toList()) {
                JsonNode n = mapper.readTree(line);
                String address = n.path("address").asText("");
                if (address.startsWith("tcp:127.0.0.3")) {
                    denials.add(n);
                }
            }
        }
        // how many strangers got a handshake slot at all depends on timing (the stalled peers hold
        // the slots); however many did, the audit holds at most one entry per address
        assertTrue(
                denials.size() <= 10,
                "expected at most one audit entry per flooding address (10) but saw " + denials.size());
        assertTrue(denials.stream().allMatch(n -> n.path("action").asText().equals("DENIED")), denials.toString());
        assertTrue(
                blocklist.all().stream().noneMatch(b -> b.address().startsWith("tcp:")),
                "no TCP peer in the block list: " + blocklist.all());
        assertTrue(
                radio.recording().blocked().stream().noneMatch(a -> a.startsWith("tcp:127.0.0.3")),
                "no TCP peer blocked on the adapter");
    }

    /** Connects the camera (again and again while the gateway has no slot for it), sends one event, waits for its ACK. */
    private long deliver(TestCamera camera, long sequence) throws Exception {
        AtomicReference<Message> first = new AtomicReference<>();
        await("the authorised camera gets in")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    try {
                        first.set(camera.connect(link.endpoint(), gateway.fingerprint(), null));
                        return true;
                    } catch (IOException noSlotYet) {
                        return false; // retried like a camera's reconnect backoff
                    }
                });
        assertInstanceOf(Welcome.class, first.get());
        camera.send(new Recognition(UUID.randomUUID(), Instant.now(), Verdict.KNOWN, 0.2, 0.5, 1), sequence);
        Message m;
        do {
            m = camera.next();
        } while (!(m instanceof Ack));
        assertEquals(sequence, ((Ack) m).sequence(), "the event is durable");
        camera.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> active.count() == 0);
        return sequence;
    }
}
