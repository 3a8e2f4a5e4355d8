package io.motam.protocol.pairing;

import io.motam.protocol.session.Fingerprint;
import io.motam.protocol.session.SecureSession;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The camera's proof that it saw the gateway's {@link PairingOffer}, sent over the secure session
 * it opened to the gateway:
 *
 * <pre>
 * exporter = TLS-Exporter("EXPORTER-motam-pairing-v1", "", 32)        -- RFC 8446 §7.5
 * proof    = HMAC-SHA256(key = offer.secret,
 *                        "motam-pairing-v1" || exporter || SHA-256(camera SPKI))   -- 16 + 32 + 32 bytes
 * </pre>
 *
 * <p>Why this shape:
 * <ul>
 * <li>The camera already pinned the gateway's key from the offer, so the gateway is
 * authenticated; what the gateway needs is evidence that this client was shown the QR code. The
 * secret itself never crosses the wire.</li>
 * <li>The exporter binds the proof to this very TLS session: a proof relayed or replayed on
 * another connection (by a man in the middle who would have to be a different TLS endpoint) does
 * not verify there.</li>
 * <li>The camera's key fingerprint names the key being paired explicitly, so the gateway stores
 * exactly the key it verified (the session's {@link SecureSession#peer()}).</li>
 * <li>All inputs have fixed lengths, so the concatenation is unambiguous; the domain label keeps
 * the MAC from being valid for any other MOTAM use of the same secret.</li>
 * </ul>
 *
 * <p>The gateway must still treat the offer's secret as single-use, honour its expiry and limit
 * failed attempts; a 128-bit or longer secret makes offline guessing from a recorded proof
 * infeasible.
 */
public final class PairingProof {

    /** Domain-separation prefix of the MAC input. */
    public static final String DOMAIN_LABEL = "motam-pairing-v1";

    /** The TLS exporter label for the session binding. */
    public static final String EXPORTER_LABEL = "EXPORTER-motam-pairing-v1";

    /** Length of the session exporter value: one SHA-256 output. */
    public static final int EXPORTER_LENGTH = 32;

    /** Length of a proof: one HMAC-SHA256 output. */
    public static final int PROOF_LENGTH = 32;

    private static final byte[] DOMAIN = DOMAIN_LABEL.getBytes(StandardCharsets.US_ASCII);
    private static final String HMAC = "HmacSHA256";

    private PairingProof() {}

    /** This session's exporter value for pairing: {@code session.exporter(EXPORTER_LABEL, EXPORTER_LENGTH)}. */
    public static byte[] sessionExporter(SecureSession session) {
        return session.exporter(EXPORTER_LABEL, EXPORTER_LENGTH);
    }

    /**
     * Computes the proof.
     *
     * @param secret the offer's secret, {@value PairingOffer#MIN_SECRET_LENGTH}..{@value PairingOffer#MAX_SECRET_LENGTH} bytes
     * @param sessionExporter {@link #sessionExporter(SecureSession)}, {@value #EXPORTER_LENGTH} bytes
     * @param cameraKey the fingerprint of the camera's identity key
     * @return {@value #PROOF_LENGTH} bytes
     */
    public static byte[] compute(byte[] secret, byte[] sessionExporter, Fingerprint cameraKey) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(sessionExporter, "sessionExporter");
        Objects.requireNonNull(cameraKey, "cameraKey");
        if (secret.length < PairingOffer.MIN_SECRET_LENGTH || secret.length > PairingOffer.MAX_SECRET_LENGTH) {
            throw new IllegalArgumentException("expected a secret of " + PairingOffer.MIN_SECRET_LENGTH + ".."
                    + PairingOffer.MAX_SECRET_LENGTH + " bytes but was " + secret.length + " bytes");
        }
        if (sessionExporter.length != EXPORTER_LENGTH) {
            throw new IllegalArgumentException(
                    "expected a session exporter of " + EXPORTER_LENGTH + " bytes but was " + sessionExporter.length);
        }
        byte[] camera = cameraKey.bytes();
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret, HMAC));
            mac.update(DOMAIN);
            mac.update(sessionExporter);
            mac.update(camera);
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java platform has " + HMAC, e);
        }
    }

    /**
     * Checks a received proof in constant time. A proof of the wrong length is simply false.
     */
    public static boolean verify(byte[] secret, byte[] sessionExporter, Fingerprint cameraKey, byte[] proof) {
        Objects.requireNonNull(proof, "proof");
        byte[] expected = compute(secret, sessionExporter, cameraKey);
        try {
            return proof.length == PROOF_LENGTH && MessageDigest.isEqual(expected, proof);
        } finally {
            Arrays.fill(expected, (byte) 0);
        }
    }
}
