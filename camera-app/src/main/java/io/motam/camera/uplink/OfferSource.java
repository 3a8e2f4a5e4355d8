package io.motam.camera.uplink;

import io.motam.protocol.pairing.PairingOffer;
import io.motam.protocol.pairing.PairingQr;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;

/** Reads a pairing offer from a file: the offer's text, or a picture of its QR code. */
final class OfferSource {
    /** Offers are short; anything bigger is not one. */
    static final long MAX_TEXT = 4096;

    static final long MAX_IMAGE = 16L << 20;

    private OfferSource() {}

    static Optional<PairingOffer> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        long size = Files.size(file);
        String name = file.getFileName().toString().toLowerCase();
        if (name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            if (size > MAX_IMAGE) {
                throw new IOException("offer image " + file + " is larger than " + MAX_IMAGE + " bytes");
            }
            BufferedImage img = ImageIO.read(file.toFile());
            if (img == null) {
                throw new IOException("offer image " + file + " is not a readable picture");
            }
            return PairingQr.decode(img);
        }
        if (size > MAX_TEXT) {
            throw new IOException("offer file " + file + " is larger than " + MAX_TEXT + " bytes");
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(PairingOffer.decode(text));
    }
}
