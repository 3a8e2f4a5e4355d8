package io.motam.protocol.pairing;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.Binarizer;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.motam.protocol.session.SecretFile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.jboss.logging.Logger;

/**
 * Pairing offers as QR codes: written by the gateway (PNG file, terminal), read by the camera
 * (video frames).
 *
 * <p>Encoding: byte mode (base64url is not in the QR alphanumeric set), error correction M (15 %
 * of the code may be damaged or glared: a screen or paper filmed by a small camera, without
 * growing the code as much as Q or H would), the standard 4-module quiet zone.
 *
 * <p>Decoding: ZXing's {@link QRCodeReader} with {@code TRY_HARDER} and without the
 * {@code PURE_BARCODE} hint (ZXing 3.5 only checks whether that hint is present, so even
 * {@code PURE_BARCODE=false} would enable it), so the code may be anywhere in a larger picture,
 * scaled and rotated (the finder patterns fix the orientation); if nothing is found the inverted
 * image is tried too, for
 * light-on-dark codes such as {@link #toTerminal} on a dark terminal, and then the picture at
 * 1.5x, for small codes whose modules are a fractional number of pixels wide. A QR code that is not a
 * MOTAM offer is reported as empty (and logged), never as an exception.
 */
public final class PairingQr {

    private static final Logger LOG = Logger.getLogger(PairingQr.class);

    /** Error correction level of the codes we write. */
    public static final ErrorCorrectionLevel ERROR_CORRECTION = ErrorCorrectionLevel.M;

    /** Light modules around the code, as ISO/IEC 18004 requires. */
    public static final int QUIET_ZONE_MODULES = 4;

    /** Pixels per module in the PNG: large enough to print or show full screen. */
    public static final int PNG_MODULE_PIXELS = 8;

    private static final int DARK = 0x000000;
    private static final int LIGHT = 0xFFFFFF;

    private PairingQr() {}

    /**
     * Writes the offer as a PNG, atomically and readable by the owner only (it carries the
     * secret).
     */
    public static void writePng(PairingOffer offer, Path file) throws IOException {
        BitMatrix matrix = matrix(offer.encode());
        BufferedImage image = new BufferedImage(
                matrix.getWidth() * PNG_MODULE_PIXELS,
                matrix.getHeight() * PNG_MODULE_PIXELS,
                BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, matrix.get(x / PNG_MODULE_PIXELS, y / PNG_MODULE_PIXELS) ? DARK : LIGHT);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", png)) {
            throw new IOException("no PNG writer in this Java runtime");
        }
        SecretFile.write(file, png.toByteArray());
        LOG.infof("Wrote pairing QR code for gateway %s to %s", offer.gatewayId(), file);
    }

    /**
     * The offer as a QR code drawn with Unicode half blocks, two module rows per text line, for a
     * terminal with light text on a dark background (like {@code qrencode -t UTF8}): light modules
     * and the quiet zone are printed as blocks, dark modules as spaces. Lines end with {@code \n}.
     */
    public static String toTerminal(PairingOffer offer) {
        BitMatrix matrix = matrix(offer.encode());
        StringBuilder out = new StringBuilder();
        for (int y = 0; y < matrix.getHeight(); y += 2) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                boolean topLight = !matrix.get(x, y);
                boolean bottomLight = y + 1 >= matrix.getHeight() || !matrix.get(x, y + 1);
                out.append(topLight ? (bottomLight ? '█' : '▀') : (bottomLight ? '▄' : ' '));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Finds and parses a pairing offer anywhere in the image. */
    public static Optional<PairingOffer> decode(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        return decode(new BufferedImageLuminanceSource(image));
    }

    /**
     * Finds and parses a pairing offer in an 8-bit grey camera frame (row-major, one byte per
     * pixel, e.g. the Y plane of a YUV frame, whose row stride must equal {@code width}).
     */
    public static Optional<PairingOffer> decodeLuminance(byte[] gray, int width, int height) {
        Objects.requireNonNull(gray, "gray");
        if (width <= 0 || height <= 0 || (long) width * height > gray.length) {
            throw new IllegalArgumentException("expected " + width + "x" + height + " = " + ((long) width * height)
                    + " grey bytes but was " + gray.length);
        }
        return decode(new PlanarYUVLuminanceSource(gray, width, height, 0, 0, width, height, false));
    }

    /** The code's modules, one bit per module, including the quiet zone. */
    static BitMatrix matrix(String text) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ERROR_CORRECTION);
        hints.put(EncodeHintType.MARGIN, QUIET_ZONE_MODULES);
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException(
                    "an offer of " + text.length() + " characters does not fit a QR code", e);
        }
    }

    private static Optional<PairingOffer> decode(LuminanceSource source) {
        Optional<String> text = read(source).or(() -> read(source.invert())).or(() -> read(upscaled(source)));
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(PairingOffer.decode(text.get()));
        } catch (MalformedOfferException e) {
            LOG.infof("Ignored a QR code that is not a pairing offer: %s", e.getMessage());
            return Optional.empty();
        }
    }

    /** Upscaling when nothing was found: small codes of fractional module size are found at 1.5x. */
    private static final int UPSCALE_NUMERATOR = 3;

    private static final int UPSCALE_DENOMINATOR = 2;
    /** Frames larger than this (pixels) are not upscaled: it would cost more than a missed frame. */
    private static final long MAX_UPSCALED_PIXELS = 4_000_000;

    /**
     * The picture at 1.5x, bilinear: ZXing can miss a code whose modules are about two and a half
     * pixels wide (a screen filmed from a distance, scaled by the camera); at 1.5x it finds them.
     * Tried only when nothing else found a code.
     */
    private static LuminanceSource upscaled(LuminanceSource source) {
        int w = source.getWidth();
        int h = source.getHeight();
        int ow = w * UPSCALE_NUMERATOR / UPSCALE_DENOMINATOR;
        int oh = h * UPSCALE_NUMERATOR / UPSCALE_DENOMINATOR;
        if ((long) ow * oh > MAX_UPSCALED_PIXELS) {
            return source;
        }
        byte[] in = source.getMatrix();
        byte[] out = new byte[ow * oh];
        for (int y = 0; y < oh; y++) {
            double sy = Math.min(h - 1.0, (y + 0.5) * h / oh - 0.5);
            int y0 = Math.max(0, (int) Math.floor(sy));
            int y1 = Math.min(h - 1, y0 + 1);
            double fy = Math.max(0, sy - y0);
            for (int x = 0; x < ow; x++) {
                double sx = Math.min(w - 1.0, (x + 0.5) * w / ow - 0.5);
                int x0 = Math.max(0, (int) Math.floor(sx));
                int x1 = Math.min(w - 1, x0 + 1);
                double fx = Math.max(0, sx - x0);
                double top = (in[y0 * w + x0] & 0xff) * (1 - fx) + (in[y0 * w + x1] & 0xff) * fx;
                double bottom = (in[y1 * w + x0] & 0xff) * (1 - fx) + (in[y1 * w + x1] & 0xff) * fx;
                out[y * ow + x] = (byte) Math.round(top * (1 - fy) + bottom * fy);
            }
        }
        return new PlanarYUVLuminanceSource(out, ow, oh, 0, 0, ow, oh, false);
    }

    private static Optional<String> read(LuminanceSource source) {
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        // PURE_BARCODE must be absent, not FALSE: QRCodeReader tests containsKey(PURE_BARCODE), so
        // putting FALSE would switch on the "whole image is one unrotated code" shortcut.
        // the local-threshold binarizer first; the global one as well, because the local one can
        // lose a module edge on a scaled (interpolated) code that the global threshold keeps
        for (Binarizer b : List.of(new HybridBinarizer(source), new GlobalHistogramBinarizer(source))) {
            try {
                Result result = new QRCodeReader().decode(new BinaryBitmap(b), hints);
                return Optional.ofNullable(result.getText());
            } catch (ReaderException e) {
                // try the next binarizer
            }
        }
        return Optional.empty();
    }
}
