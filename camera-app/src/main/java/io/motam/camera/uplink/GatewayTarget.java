package io.motam.camera.uplink;

import io.motam.camera.pairing.GatewayPin;
import io.motam.camera.pairing.OfferInbox;
import io.motam.protocol.pairing.PairingOffer;
import io.motam.protocol.uplink.Uplink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Where the uplink dials: the pinned gateway ({@code <data-dir>/gateway.properties}) once
 * paired; before that a pairing offer, read from the camera's own frames ({@link OfferInbox})
 * or from {@code motam.pairing.offer-file}. The pin is written when the gateway accepts the
 * proof.
 */
final class GatewayTarget implements Uplink.Target {
    private static final Logger LOG = Logger.getLogger(GatewayTarget.class);

    private final Path dataDir;
    private final OfferInbox inbox;
    private final Optional<Path> offerFile;
    private boolean toldWaiting;

    GatewayTarget(Path dataDir, OfferInbox inbox, Optional<Path> offerFile) {
        this.dataDir = dataDir;
        this.inbox = inbox;
        this.offerFile = offerFile;
    }

    @Override
    public Optional<Uplink.Destination> next() throws IOException {
        Optional<GatewayPin> pin = GatewayPin.load(dataDir);
        if (pin.isPresent()) {
            return Optional.of(
                    Uplink.Destination.pinned(pin.get().endpoint(), pin.get().fingerprint()));
        }
        Optional<PairingOffer> offer = inbox.latest();
        if (offer.isEmpty() && offerFile.isPresent()) {
            offer = OfferSource.read(offerFile.get());
        }
        if (offer.isEmpty()) {
            if (!toldWaiting) {
                toldWaiting = true;
                LOG.infof(
                        "no gateway paired yet: waiting for a pairing offer (QR code in view%s)",
                        offerFile.map(f -> " or in " + f).orElse(""));
            }
            return Optional.empty();
        }
        return Optional.of(Uplink.Destination.pairing(offer.get()));
    }

    @Override
    public void paired(PairingOffer offer) throws IOException {
        new GatewayPin(offer.gatewayId(), offer.endpoint(), offer.gatewayFingerprint()).save(dataDir);
    }
}
