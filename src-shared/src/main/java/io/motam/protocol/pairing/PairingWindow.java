package io.motam.protocol.pairing;

import io.motam.protocol.session.Fingerprint;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The gateway's one open pairing offer and the rules for redeeming it: single use, valid until
 * its expiry, withdrawn after {@value #MAX_FAILED_PROOFS} wrong proofs (lockout). Proofs are
 * checked with {@link PairingProof#verify}, so a proof only counts for the TLS session and the
 * camera key it was computed for.
 *
 * <pre>
 *   CLOSED --open(offer)--&gt; OPEN --right proof--&gt; CLOSED (GRANTED, the offer is used up)
 *   OPEN --wrong proof--&gt; OPEN (WRONG_PROOF) ... the 5th --&gt; CLOSED (LOCKED_OUT)
 *   OPEN --expiry passed--&gt; CLOSED (EXPIRED for the attempt that finds it so)
 *   CLOSED --any proof--&gt; CLOSED (NO_OFFER)
 * </pre>
 *
 * Thread-safe. The outcome is for the gateway's audit trail only, never for the camera.
 */
public final class PairingWindow {
    /** Wrong proofs tolerated before the offer is withdrawn. */
    public static final int MAX_FAILED_PROOFS = 5;

    /** How a pairing attempt ended. */
    public enum Outcome {
        GRANTED,
        NO_OFFER,
        EXPIRED,
        WRONG_PROOF,
        LOCKED_OUT
    }

    private final Clock clock;
    private final Consumer<String> onWithdrawn;
    private PairingOffer offer;
    private int failedProofs;

    /**
     * @param onWithdrawn told why an offer closed ("used by ...", "expired", "locked out ..."),
     *        e.g. to delete its QR files
     */
    public PairingWindow(Clock clock, Consumer<String> onWithdrawn) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onWithdrawn = Objects.requireNonNull(onWithdrawn, "onWithdrawn");
    }

    /** Opens {@code offer}, replacing any open one. */
    public synchronized void open(PairingOffer offer) {
        this.offer = Objects.requireNonNull(offer, "offer");
        failedProofs = 0;
    }

    /** Whether an unexpired offer is open. */
    public synchronized boolean isOpen() {
        expireIfDue();
        return offer != null;
    }

    public synchronized Optional<PairingOffer> current() {
        expireIfDue();
        return Optional.ofNullable(offer);
    }

    /** Checks a proof presented on a session with this exporter by the holder of {@code cameraKey}. */
    public synchronized Outcome redeem(byte[] proof, byte[] sessionExporter, Fingerprint cameraKey) {
        if (offer != null && offer.isExpired(clock)) {
            withdraw("expired");
            return Outcome.EXPIRED;
        }
        if (offer == null) {
            return Outcome.NO_OFFER;
        }
        if (PairingProof.verify(offer.secret(), sessionExporter, cameraKey, proof)) {
            withdraw("used by " + cameraKey.hex());
            return Outcome.GRANTED;
        }
        failedProofs++;
        if (failedProofs >= MAX_FAILED_PROOFS) {
            withdraw("locked out after " + failedProofs + " wrong proofs");
            return Outcome.LOCKED_OUT;
        }
        return Outcome.WRONG_PROOF;
    }

    /** Closes the offer now. */
    public synchronized void withdraw(String why) {
        if (offer != null) {
            offer = null;
            failedProofs = 0;
            onWithdrawn.accept(why);
        }
    }

    private void expireIfDue() {
        if (offer != null && offer.isExpired(clock)) {
            withdraw("expired");
        }
    }
}
