package io.motam.camera.pairing;

import io.motam.protocol.pairing.PairingOffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Pairing offers the camera read from its own frames (a QR code shown to it), for the uplink to
 * use on first contact. Holds only the newest offer; an expired one is no longer handed out.
 * Thread-safe: the vision thread offers, the uplink thread takes.
 */
@ApplicationScoped
public class OfferInbox {
    private static final Logger LOG = Logger.getLogger(OfferInbox.class);

    private final Clock clock;
    private PairingOffer latest;

    public OfferInbox() {
        this(Clock.systemUTC());
    }

    /** An inbox judging expiry by {@code clock}. */
    public OfferInbox(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Keeps {@code offer} as the newest one (logged once per distinct offer, never its secret). */
    public synchronized void offer(PairingOffer offer) {
        Objects.requireNonNull(offer, "offer");
        if (offer.equals(latest)) {
            return;
        }
        latest = offer;
        LOG.infof(
                "pairing offer of gateway %s (%s, key %s, valid until %s) read from a camera frame",
                offer.gatewayId(), offer.endpoint(), offer.gatewayFingerprint(), offer.expiresAt());
    }

    /** The newest offer, unless it has expired. */
    public synchronized Optional<PairingOffer> latest() {
        if (latest != null && latest.isExpired(clock)) {
            LOG.infof(
                    "pairing offer of gateway %s expired at %s; show a new one",
                    latest.gatewayId(), latest.expiresAt());
            latest = null;
        }
        return Optional.ofNullable(latest);
    }
}
