package io.motam.camera.config;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;

/** {@code motam.pairing.*} on the camera: where to find the gateway's one-time offer before first contact. */
@ConfigMapping(prefix = "motam.pairing")
public interface PairingOfferConfig {

    /**
     * A file holding the offer: its text form ({@code MOTAM1:...}) or a PNG/JPEG of the QR code.
     * Read only while the camera has no gateway yet; polled until it appears.
     */
    Optional<Path> offerFile();
}
