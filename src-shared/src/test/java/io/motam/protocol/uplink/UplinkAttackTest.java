package io.motam.protocol.uplink;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.protocol.message.Ack;
import io.motam.protocol.message.Welcome;
import io.motam.protocol.pairing.PairingOffer;
import io.motam.protocol.pairing.PairingWindow;
import io.motam.protocol.session.Identity;
import io.motam.protocol.session.RecordRejectedException;
import io.motam.protocol.session.SessionException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on the link, run against the real receiver and sessions: an unknown key, a man in the
 * middle with its own gateway key, replayed pairing proofs, an expired offer, guessing until the
 * lockout, and replayed ciphertext (a whole recorded session into a new server; a record
 * repeated inside a live session). The attacker never gets in and never learns why.
 */
class UplinkAttackTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private Harness h;
    private final MutableClock clock = new MutableClock();

    @AfterEach
    void tearDown() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private Harness harness() throws IOException {
        h = new Harness(tmp, clock, Harness.GATEWAY_KEY, Harness.CAMERA_KEY);
        return h;
    }

    private PairingOffer openOffer() {
        PairingOffer offer = PairingOffer.issue("gw-test", "pipe:test", h.gatewayIdentity.fingerprint(),
                Duration.ofSeconds(120), clock, new SecureRandom());
        h.gate.pairing.open(offer);
        return offer;
    }

    /** A raw camera with {@code key} connected to a fresh receiver. */
    private record Attempt(RawCamera camera, Future<LinkOutcome> gateway) {
    }

    private Attempt connect(Identity key) throws Exception {
        Transport[] ends = Pipe.pair("attack");
        Future<LinkOutcome> gw = h.serve(ends[1]);
        return new Attempt(RawCamera.connect(ends[0], key, h.gatewayIdentity.fingerprint()), gw);
    }

    private static void endsInSilence(Attempt a) throws Exception {
        assertThrows(IOException.class, () -> a.camera().nextNotPing(), "no WELCOME, no CLOSE, no reason");
        LinkOutcome o = a.gateway().get(5, TimeUnit.SECONDS);
        assertFalse(o.established());
        assertTrue(o.sent().isEmpty(), "nothing told to the camera");
    }

    @Test
    void unknownKey_noOfferOpen_refusedInTheTlsHandshake() throws Exception {
        harness();
        Identity stranger = Identity.generate("stranger");
        SessionException e = assertThrows(SessionException.class, () -> connect(stranger));
        assertEquals(SessionException.Reason.PEER_REJECTED, e.reason());
        assertTrue(h.sink.delivered().isEmpty());
    }

    @Test
    void manInTheMiddle_differentGatewayKey_cameraStopsBeforeSendingAnything() throws Exception {
        harness().paired();
        Identity rogue = Identity.generate("rogue-gateway");
        Harness mitm = new Harness(tmp.resolve("mitm"), clock, rogue, Harness.CAMERA_KEY);
        try {
            mitm.paired();
            AtomicReference<LinkOutcome> camera = new AtomicReference<>();
            Transport[] ends = Pipe.pair("mitm");
            mitm.serve(ends[1]);
            UplinkConnection c = new UplinkConnection(new Uplink.Context(Harness.CAMERA, h.cameraIdentity, h.outbox,
                    h.files, Uplink.Target.pinned("pipe:mitm", h.gatewayIdentity.fingerprint()), new NoHandler(),
                    h.cameraSettings, h.timers), ends[0],
                    Uplink.Destination.pinned("pipe:mitm", h.gatewayIdentity.fingerprint()));
            h.outbox.add(Events.numbered(1));
            camera.set(c.run());
            SessionException e = assertInstanceOf(SessionException.class, camera.get().failure().orElseThrow());
            assertEquals(SessionException.Reason.SERVER_KEY_MISMATCH, e.reason());
            assertTrue(mitm.gate.handshakesAsked.isEmpty(), "the camera never sent its certificate");
            assertTrue(mitm.sink.delivered().isEmpty());
            assertEquals(1, h.outbox.pendingCount(), "the event waits for the real gateway");
        } finally {
            mitm.close();
        }
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
        replay.camera().hello("cam-new").send(new io.motam.protocol.message.PairProof(recorded));
        endsInSilence(replay);
        assertTrue(h.gate.audit().stream().anyMatch(d -> d.what().equals("DENIED") && d.reason().contains("WRONG_PROOF")));
        assertFalse(h.gate.isRegistered(camera.fingerprint()));

        // session 3: a fresh proof for this session pairs
        Attempt honest = connect(camera);
        honest.camera().hello("cam-new").prove(offer.secret());
        assertInstanceOf(Welcome.class, honest.camera().next());
        assertTrue(h.gate.isRegistered(camera.fingerprint()));

        // the offer is used up: another camera with a correct proof does not get through the TLS handshake
        Identity second = Identity.generate("second-camera");
        SessionException e = assertThrows(SessionException.class, () -> connect(second));
        assertEquals(SessionException.Reason.PEER_REJECTED, e.reason());
    }

    @Test
    void expiredOffer_proofArrivesAfterExpiry_denied() throws Exception {
        harness();
        PairingOffer offer = openOffer();
        Identity camera = Identity.generate("late-camera");
        Attempt late = connect(camera);
        clock.advance(Duration.ofSeconds(121));
        late.camera().hello("cam-late").prove(offer.secret());
        endsInSilence(late);
        assertTrue(h.gate.audit().stream().anyMatch(d -> d.what().equals("DENIED") && d.reason().contains("EXPIRED")));
        assertFalse(h.gate.pairing.isOpen());
        assertFalse(h.gate.isRegistered(camera.fingerprint()));
    }

    @Test
    void guessing_fiveWrongProofs_lockOutTheOffer() throws Exception {
        harness();
        PairingOffer offer = openOffer();
        Identity guesser = Identity.generate("guesser");
        for (int i = 1; i <= PairingWindow.MAX_FAILED_PROOFS; i++) {
            Attempt a = connect(guesser);
            byte[] guess = new byte[32];
            new SecureRandom().nextBytes(guess);
            a.camera().hello("cam-guess").prove(guess);
            endsInSilence(a);
        }
        List<String> reasons = h.gate.audit().stream().filter(d -> d.what().equals("DENIED")).map(TestGate.Decision::reason)
                .toList();
        assertEquals(List.of("pairing WRONG_PROOF", "pairing WRONG_PROOF", "pairing WRONG_PROOF", "pairing WRONG_PROOF",
                "pairing LOCKED_OUT"), reasons);
        assertFalse(h.gate.pairing.isOpen());
        // even the right secret is too late now: the offer is gone, the TLS handshake refuses the key
        SessionException e = assertThrows(SessionException.class, () -> connect(guesser));
        assertEquals(SessionException.Reason.PEER_REJECTED, e.reason());
        assertTrue(offer.secret().length > 0);
    }

    @Test
    void keyRegisteredForAnotherCamera_deniedSilently() throws Exception {
        harness().paired();
        Attempt a = connect(h.cameraIdentity);
        a.camera().hello("someone-else");
        endsInSilence(a);
        assertTrue(h.gate.audit().stream().anyMatch(d -> d.what().equals("DENIED")
                && d.reason().contains("registered for camera " + Harness.CAMERA)));
    }

    @Test
    void recordedSession_replayedIntoANewServer_handshakeFailsNothingDelivered() throws Exception {
        harness().paired();
        // a real session, with the camera's bytes recorded on the way
        ByteArrayOutputStream recorded = new ByteArrayOutputStream();
        Transport[] ends = Pipe.pair("record");
        Future<LinkOutcome> gw = h.serve(ends[1]);
        Transport tapped = Transport.of(ends[0].input(), new OutputStream() {
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
        }, "tap", ends[0]::close);
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
        Transport[] again = Pipe.pair("replay");
        Future<LinkOutcome> replayed = h.serve(again[1]);
        h.sessions.submit(() -> {
            again[0].output().write(replay);
            InputStream in = again[0].input();
            byte[] sink = new byte[4096];
            while (in.read(sink) >= 0) {
                // the server's answers are of no use without the camera's key share
            }
            return null;
        });
        LinkOutcome outcome = replayed.get(10, TimeUnit.SECONDS);
        SessionException e = assertInstanceOf(SessionException.class, outcome.failure().orElseThrow());
        assertEquals(SessionException.Reason.HANDSHAKE_FAILED, e.reason());
        assertFalse(outcome.established());
        assertEquals(1, h.sink.count(), "the replayed event was not delivered again");
    }

    @Test
    void repeatedRecordInsideALiveSession_rejectedByTheRecordLayer_eventsStillExactlyOnce() throws Exception {
        harness().paired();
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
        LinkOutcome broken = h.gatewayOutcomes.get(0);
        assertInstanceOf(RecordRejectedException.class, broken.failure().orElseThrow());
        for (int i = 0; i < 40; i++) {
            assertEquals(i + 1, h.sink.delivered().get(i).sequence());
        }
    }

    private static final class NoHandler implements Uplink.Handler {
        @Override
        public void welcomed(io.motam.domain.SystemState state) {
        }

        @Override
        public void command(io.motam.protocol.message.Command command) {
        }
    }
}
