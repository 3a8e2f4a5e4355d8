package io.motam.protocol.pairing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.protocol.session.Fingerprint;
import io.motam.protocol.session.Identity;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairingWindowTest {
    private static final Identity GATEWAY = Identity.generate("gw");
    private static final Fingerprint CAMERA = Identity.generate("cam").fingerprint();
    private static final byte[] EXPORTER = new byte[32];

    private final Instant start = Instant.parse("2026-01-01T00:00:00Z");
    private final List<String> withdrawn = new ArrayList<>();

    private PairingOffer offer(Clock clock) {
        return PairingOffer.issue(
                "gw", "tcp:127.0.0.1:1", GATEWAY.fingerprint(), Duration.ofSeconds(120), clock, new SecureRandom());
    }

    @Test
    void redeem_rightProof_grantedOnceThenNoOffer() {
        Clock clock = Clock.fixed(start, ZoneOffset.UTC);
        PairingWindow w = new PairingWindow(clock, withdrawn::add);
        PairingOffer o = offer(clock);
        w.open(o);
        byte[] proof = PairingProof.compute(o.secret(), EXPORTER, CAMERA);
        assertEquals(PairingWindow.Outcome.GRANTED, w.redeem(proof, EXPORTER, CAMERA));
        assertEquals(PairingWindow.Outcome.NO_OFFER, w.redeem(proof, EXPORTER, CAMERA));
        assertEquals(1, withdrawn.size());
    }

    @Test
    void redeem_afterExpiry_expired() {
        PairingWindow w = new PairingWindow(Clock.fixed(start.plusSeconds(121), ZoneOffset.UTC), withdrawn::add);
        PairingOffer o = offer(Clock.fixed(start, ZoneOffset.UTC));
        w.open(o);
        assertEquals(
                PairingWindow.Outcome.EXPIRED,
                w.redeem(PairingProof.compute(o.secret(), EXPORTER, CAMERA), EXPORTER, CAMERA));
        assertFalse(w.isOpen());
    }

    @Test
    void redeem_fiveWrongProofs_lockedOut() {
        Clock clock = Clock.fixed(start, ZoneOffset.UTC);
        PairingWindow w = new PairingWindow(clock, withdrawn::add);
        PairingOffer o = offer(clock);
        w.open(o);
        for (int i = 1; i < PairingWindow.MAX_FAILED_PROOFS; i++) {
            assertEquals(PairingWindow.Outcome.WRONG_PROOF, w.redeem(new byte[32], EXPORTER, CAMERA));
        }
        assertEquals(PairingWindow.Outcome.LOCKED_OUT, w.redeem(new byte[32], EXPORTER, CAMERA));
        assertEquals(
                PairingWindow.Outcome.NO_OFFER,
                w.redeem(PairingProof.compute(o.secret(), EXPORTER, CAMERA), EXPORTER, CAMERA));
        assertTrue(withdrawn.get(0).contains("locked out"));
    }

    @Test
    void redeem_proofForAnotherKey_wrongProof() {
        Clock clock = Clock.fixed(start, ZoneOffset.UTC);
        PairingWindow w = new PairingWindow(clock, withdrawn::add);
        PairingOffer o = offer(clock);
        w.open(o);
        Fingerprint other = Identity.generate("other").fingerprint();
        assertEquals(
                PairingWindow.Outcome.WRONG_PROOF,
                w.redeem(PairingProof.compute(o.secret(), EXPORTER, other), EXPORTER, CAMERA));
    }
}
