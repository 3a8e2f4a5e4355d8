package io.motam.gateway.link;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.domain.SystemState;
import io.motam.gateway.audit.AuditEntry;
import io.motam.gateway.audit.AuditLog;
import io.motam.gateway.pairing.PairingDesk;
import io.motam.gateway.registry.AuthorisationLog;
import io.motam.gateway.registry.CameraRegistry;
import io.motam.gateway.state.SystemStateController;
import io.motam.gateway.testing.GatewayProfile;
import io.motam.link.Link;
import io.motam.protocol.message.Ack;
import io.motam.protocol.message.PairProof;
import io.motam.protocol.message.Welcome;
import io.motam.protocol.pairing.PairingOffer;
import io.motam.protocol.pairing.PairingWindow;
import io.motam.protocol.session.Fingerprint;
import io.motam.protocol.session.Identity;
import io.motam.protocol.session.RecordRejectedException;
import io.motam.protocol.session.SessionException;
import io.motam.protocol.uplink.ConnectionOutcome;
import io.motam.protocol.uplink.Events;
import io.motam.protocol.uplink.Gate;
import io.motam.protocol.uplink.GatewayConnection;
import io.motam.protocol.uplink.Harness;
import io.motam.protocol.uplink.PairingAttempt;
import io.motam.protocol.uplink.Pipe;
import io.motam.protocol.uplink.RawCamera;
import io.motam.protocol.uplink.RecordRepeater;
import io.motam.protocol.uplink.Uplink;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the link against the gateway's real {@link CameraGate} (over the running gateway's
 * registry, pairing desk, audit log and state), the real receiver and sessions, joined to the
 * attacker by in-memory pipes (motam-shared's test {@link Harness}): an unknown key, a man in the
 * middle with its own gateway key, replayed pairing proofs, an expired offer, guessing until the
 * lockout, a key registered for another camera, and replayed ciphertext (a whole recorded session
 * into a new server; a record repeated inside a live session). The attacker never gets in and
 * never learns why; the audit log says why.
 */
@QuarkusTest
@TestProfile(LinkAttackTest.ShortOffers.class)
class LinkAttackTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    /** Offers of this profile expire after this, so that a test can outlive one. */
    static final Duration OFFER_TTL = Duration.ofSeconds(5);

    /** The gateway tests' profile with short-lived pairing offers. */
    public static class ShortOffers extends GatewayProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("motam.pairing.ttl", OFFER_TTL.toSeconds() + "s");
        }
    }

    @Inject
    Identity gateway;

    @Inject
    CameraRegistry registry;

    @Inject
    PairingDesk desk;

    @Inject
    AuthorisationLog authorisations;

    @Inject
    SystemStateController state;

    @Inject
    ActiveCameras active;

    @Inject
    AuditLog audit;

    private final List<Harness> harnesses = new CopyOnWriteArrayList<>();
    private Harness h;

    @BeforeEach
    void noOfferAndNoCamera() {
        desk.withdraw();
        registry.revoke(Harness.CAMERA);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Harness each : harnesses) {
            each.close();
        }
        desk.withdraw();
        registry.revoke(Harness.CAMERA);
        await().atMost(PATIENCE).until(() -> active.count() == 0);
    }

    /** The gate the link server makes, over the running gateway's own parts. */
    private CameraGate realGate() {
        return new CameraGate(registry, desk, authorisations, state, active);
    }

    /** A gateway with the real gate and key, and a camera with a fresh key. */
    private Harness harness() throws IOException {
        h = harness(realGate(), gateway, Identity.generate("motam-camera-attacked"));
        return h;
    }

    private Harness harness(Gate gate, Identity gatewayKey, Identity cameraKey) throws IOException {
        Path dir = Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "link-attack").toAbsolutePath()), "h-");
        Harness made = new Harness(dir, gate, gatewayKey, cameraKey);
        harnesses.add(made);
        return made;
    }

    /** The camera's key registered for {@link Harness#CAMERA}, as a finished pairing leaves it. */
    private void paired() {
        registry.register(Harness.CAMERA, h.cameraIdentity.fingerprint(), "pipe:test", Instant.now());
    }

    private PairingOffer openOffer() throws IOException {
        return desk.issue("pipe:test");
    }

    /** The audit lines about {@code key}, oldest first. */
    private List<AuditEntry> auditOf(Fingerprint key) {
        return audit.recent().stream()
                .filter(e -> key.hex().equals(e.fingerprint()))
                .toList();
    }

    private List<String> denials(Fingerprint key) {
        return auditOf(key).stream()
                .filter(e -> e.action().equals("DENIED"))
                .map(AuditEntry::reason)
                .toList();
    }

    /** A raw camera with {@code key} connected to a fresh receiver. */
    private record Attempt(RawCamera camera, Future<ConnectionOutcome> gateway) {}

    private Attempt connect(Identity key) throws Exception {
        Link[] ends = Pipe.pair("attack");
        Future<ConnectionOutcome> gw = h.serve(ends[1]);
        return new Attempt(RawCamera.connect(ends[0], key, h.gatewayIdentity.fingerprint()), gw);
    }

    private static void endsInSilence(Attempt a) throws Exception {
        assertThrows(IOException.class, () -> a.camera().nextNotPing(), "no WELCOME, no CLOSE, no reason");
        ConnectionOutcome o = a.gateway().get(5, TimeUnit.SECONDS);
        assertFalse(o.established());
        assertTrue(o.sent().isEmpty(), "nothing told to the camera");
    }

    /** The real gate, noting every key that asks for a handshake. */
    private static final class Watched implements Gate {
        final Gate real;
        final List<Fingerprint> handshakesAsked = new CopyOnWriteArrayList<>();

        Watched(Gate real) {
            this.real = real;
        }

        @Override
        public boolean mayHandshake(Fingerprint key, String address) {
            handshakesAsked.add(key);
            return real.mayHandshake(key, address);
        }

        @Override
        public boolean isRegistered(Fingerprint key) {
            return real.isRegistered(key);
        }

        @Override
        public boolean authorise(String cameraId, Fingerprint key, Optional<PairingAttempt> attempt, String address) {
            return real.authorise(cameraId, key, attempt, address);
        }

        @Override
        public boolean attach(GatewayConnection receiver) {
            return real.attach(receiver);
        }

        @Override
        public void detach(GatewayConnection receiver) {
            real.detach(receiver);
        }

        @Override
        public SystemState systemState() {
            return real.systemState();
        }
    }

    @Test
    void unknownKey_noOfferOpen_refusedInTheTlsHandshake_andAudited() throws Exception {
        harness();
        Identity stranger = Identity.generate("stranger");
        SessionException e = assertThrows(SessionException.class, () -> connect(stranger));
        assertEquals(SessionException.Reason.PEER_REJECTED, e.reason());
        assertTrue(h.sink.delivered().isEmpty());
        assertFalse(registry.isAuthorised(stranger.fingerprint()));
        List<String> denied = denials(stranger.fingerprint());
        assertEquals(1, denied.size(), "audited refusals: " + denied);
        assertTrue(denied.get(0).startsWith("unknown key, no pairing offer open"), denied.get(0));
    }

    @Test
    void manInTheMiddle_differentGatewayKey_cameraStopsBeforeSendingAnything() throws Exception {
        harness();
        paired();
        Watched rogueGate = new Watched(realGate());
        Harness mitm = harness(rogueGate, Identity.generate("rogue-gateway"), h.cameraIdentity);
        Link[] ends = Pipe.pair("mitm");
        mitm.serve(ends[1]);
        h.outbox.add(Events.numbered(1));

        ConnectionOutcome camera =
                h.connectOnce(ends[0], Uplink.Destination.pinned("pipe:mitm", h.gatewayIdentity.fingerprint()));

        SessionException e =
                assertInstanceOf(SessionException.class, camera.failure().orElseThrow());
        assertEquals(SessionException.Reason.SERVER_KEY_MISMATCH, e.reason());
        assertTrue(rogueGate.handshakesAsked.isEmpty(), "the camera never sent its certificate");
        assertTrue(mitm.sink.delivered().isEmpty());
        assertEquals(1, h.outbox.pendingCount(), "the event waits for the real gateway");
    }

    @Test
    void pairingProof_replayedOnAnotherSession_deniedThenTheOfferStillWorksOnce() throws Exception {
        harness();
        PairingOffer offer = openOffer();
        Identity camera = Identity.generate("new-camera");

        // session 1: a correct proof is computed (as an eavesdropper inside it would see it) but not sent
        Attempt first = connect(camera);
        byte[] recorded = first.camera().proof(offer.secret());
        first.camera().close();
        first.gateway().get(5, TimeUnit.SECONDS);

        // session 2, same key: the recorded proof is bound to session 1's exporter
        Attempt replay = connect(camera);
        replay.camera().hello(Harness.CAMERA).send(new PairProof(recorded));
        endsInSilence(replay);
        assertTrue(
                denials(camera.fingerprint()).contains("pairing wrong proof"),
                "audit: " + auditOf(camera.fingerprint()));
        assertFalse(registry.isAuthorised(camera.fingerprint()));

        // session 3: a fresh proof for this session pairs
        Attempt honest = connect(camera);
        honest.camera().hello(Harness.CAMERA).prove(offer.secret());
        assertInstanceOf(Welcome.class, honest.camera().next());
        assertEquals(
                Harness.CAMERA,
                registry.find(camera.fingerprint()).orElseThrow().id());
        assertFalse(desk.isOpen(), "the offer was used");

        // the offer is used up: another camera does not get through the TLS handshake
        Identity second = Identity.generate("second-camera");
        SessionException e = assertThrows(SessionException.class, () -> connect(second));
        assertEquals(SessionException.Reason.PEER_REJECTED, e.reason());
        honest.camera().close();
    }

    @Test
    void expiredOffer_proofArrivesAfterExpiry_denied() throws Exception {
        harness();
        PairingOffer offer = openOffer();
        Identity camera = Identity.generate("late-camera");
        Attempt late = connect(camera); // in time for the TLS handshake
        late.camera().hello("cam-late");
        await().atMost(OFFER_TTL.plus(PATIENCE)).until(() -> !desk.isOpen());

        late.camera().prove(offer.secret());

        endsInSilence(late);
        List<String> denied = denials(camera.fingerprint());
        assertEquals(1, denied.size(), "audit: " + auditOf(camera.fingerprint()));
        assertTrue(denied.get(0).startsWith("pairing "), denied.get(0)); // "no offer" once the desk closed it
        AuditEntry closed = audit.recent().stream()
                .filter(e -> e.action().equals("OFFER_CLOSED"))
                .reduce((a, b) -> b)
                .orElseThrow();
        assertTrue(closed.reason().contains("expired"), closed.reason());
        assertFalse(registry.isAuthorised(camera.fingerprint()));
        assertTrue(registry.findById("cam-late").isEmpty());
    }

    @Test
    void guessing_fiveWrongProofs_lockOutTheOffer() throws Exception {
        harness();
        openOffer();
        Identity guesser = Identity.generate("guesser");
        for (int i = 1; i <= PairingWindow.MAX_FAILED_PROOFS; i++) {
            Attempt a = connect(guesser);
            byte[] guess = new byte[32];
            new SecureRandom().nextBytes(guess);
            a.camera().hello("cam-guess").prove(guess);
            endsInSilence(a);
        }
        assertEquals(
                List.of(
                        "pairing wrong proof",
                        "pairing wrong proof",
                        "pairing wrong proof",
                        "pairing wrong proof",
                        "pairing locked out"),
                denials(guesser.fingerprint()));
        assertFalse(desk.isOpen());
        // even the right secret is too late now: the offer is gone, the TLS handshake refuses the key
        SessionException e = assertThrows(SessionException.class, () -> connect(guesser));
        assertEquals(SessionException.Reason.PEER_REJECTED, e.reason());
        assertFalse(registry.isAuthorised(guesser.fingerprint()));
    }

    @Test
    void keyRegisteredForAnotherCamera_deniedSilently() throws Exception {
        harness();
        paired();
        Attempt a = connect(h.cameraIdentity);
        a.camera().hello("someone-else");
        endsInSilence(a);
        assertEquals(List.of("key registered for camera " + Harness.CAMERA), denials(h.cameraIdentity.fingerprint()));
        assertTrue(registry.findById("someone-else").isEmpty());
    }

    @Test
    void recordedSession_replayedIntoANewServer_handshakeFailsNothingDelivered() throws Exception {
        harness();
        paired();
        // a real session, with the camera's bytes recorded on the way
        ByteArrayOutputStream recorded = new ByteArrayOutputStream();
        Link[] ends = Pipe.pair("record");
        Future<ConnectionOutcome> gw = h.serve(ends[1]);
        Link tapped = Link.of(
                ends[0].input(),
                new OutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        write(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        synchronized (recorded) {
                            recorded.write(b, off, len);
                        }
                        ends[0].output().write(b, off, len);
                    }
                },
                "tap",
                ends[0]::close);
        RawCamera camera = RawCamera.connect(tapped, h.cameraIdentity, h.gatewayIdentity.fingerprint());
        camera.hello(Harness.CAMERA);
        assertInstanceOf(Welcome.class, camera.next());
        camera.send(Events.numbered(1), 1);
        assertEquals(new Ack(1), camera.nextNotPing());
        camera.close();
        gw.get(5, TimeUnit.SECONDS);
        assertEquals(1, h.sink.count());

        // the attacker replays every byte the camera sent into a new connection
        byte[] replay;
        synchronized (recorded) {
            replay = recorded.toByteArray();
        }
        Link[] again = Pipe.pair("replay");
        Future<ConnectionOutcome> replayed = h.serve(again[1]);
        h.sessions.submit(() -> {
            again[0].output().write(replay);
            InputStream in = again[0].input();
            byte[] sink = new byte[4096];
            while (in.read(sink) >= 0) {
                // the server's answers are of no use without the camera's key share
            }
            return null;
        });
        ConnectionOutcome outcome = replayed.get(10, TimeUnit.SECONDS);
        SessionException e =
                assertInstanceOf(SessionException.class, outcome.failure().orElseThrow());
        assertEquals(SessionException.Reason.HANDSHAKE_FAILED, e.reason());
        assertFalse(outcome.established());
        assertEquals(1, h.sink.count(), "the replayed event was not delivered again");
    }

    @Test
    void repeatedRecordInsideALiveSession_rejectedByTheRecordLayer_eventsStillExactlyOnce() throws Exception {
        harness();
        paired();
        AtomicReference<RecordRepeater> first = new AtomicReference<>();
        h.faults = t -> {
            RecordRepeater r = new RecordRepeater(t, first.get() == null ? 5 : -1);
            first.compareAndSet(null, r);
            return r;
        };
        h.startUplink();
        await().atMost(PATIENCE).until(() -> h.uplink.connected());
        for (int i = 1; i <= 40; i++) {
            h.outbox.add(Events.numbered(i));
            if (i % 4 == 0) { // one burst, one record
                await().atMost(PATIENCE).until(() -> h.outbox.pendingCount() == 0);
            }
        }
        await().atMost(PATIENCE).until(() -> h.sink.count() == 40 && h.outbox.pendingCount() == 0);
        assertTrue(first.get().repeated(), "a record was sent twice");
        ConnectionOutcome broken = h.gatewayOutcomes.get(0);
        assertInstanceOf(RecordRejectedException.class, broken.failure().orElseThrow());
        for (int i = 0; i < 40; i++) {
            assertEquals(i + 1, h.sink.delivered().get(i).sequence());
        }
    }
}
