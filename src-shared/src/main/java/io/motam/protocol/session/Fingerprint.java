package io.motam.protocol.session;

import io.motam.storage.Sha256;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * SHA-256 of a public key's DER-encoded {@code SubjectPublicKeyInfo}: the name of a MOTAM device.
 *
 * <p>Hashing the SPKI rather than the whole certificate means a device can re-issue its
 * self-signed certificate (new validity, new name) without changing its identity; only the key
 * matters. This is the same value as OpenSSL's
 * {@code openssl x509 -pubkey -noout | openssl pkey -pubin -outform DER | sha256sum}, and as
 * RFC 7469 key pinning before base64. The SPKI is re-encoded as DER before hashing so that a
 * BER-encoded key from a peer still hashes to the one canonical value.
 *
 * <p>Fingerprints are public, so {@link #toString()} shows the hex; comparison is constant time
 * anyway because pins are compared against attacker-chosen keys.
 */
public final class Fingerprint {

    /** Length of a fingerprint in bytes: one SHA-256 output. */
    public static final int LENGTH = 32;

    /** Length of {@link #hex()}: two lower-case hex digits per byte. */
    public static final int HEX_LENGTH = 2 * LENGTH;

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;

    private Fingerprint(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The fingerprint of a public key (its {@code getEncoded()} must be an X.509 SPKI). */
    public static Fingerprint of(PublicKey key) {
        Objects.requireNonNull(key, "key");
        if (!"X.509".equals(key.getFormat())) {
            throw new IllegalArgumentException("expected a public key in X.509 format but was " + key.getFormat());
        }
        return ofSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(key.getEncoded()));
    }

    /** The fingerprint of the public key in a certificate. */
    public static Fingerprint of(X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        try {
            return ofCertificate(certificate.getEncoded());
        } catch (CertificateEncodingException | IOException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }

    /**
     * Parses 64 hex digits (either case).
     *
     * @throws IllegalArgumentException if the text is not exactly 64 hex digits
     */
    public static Fingerprint fromHex(String hex) {
        Objects.requireNonNull(hex, "hex");
        if (hex.length() != HEX_LENGTH) {
            throw new IllegalArgumentException(
                    "expected " + HEX_LENGTH + " hex digits for a fingerprint but was " + hex.length() + " characters");
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                throw new IllegalArgumentException(
                        "expected a hex digit at index " + i + " of the fingerprint but was '" + hex.charAt(i) + "'");
            }
        }
        return new Fingerprint(HEX.parseHex(hex));
    }

    /**
     * A fingerprint from its 32 raw bytes, as carried on the wire.
     *
     * @throws IllegalArgumentException if the array is not 32 bytes long
     */
    public static Fingerprint fromBytes(byte[] raw) {
        Objects.requireNonNull(raw, "raw");
        if (raw.length != LENGTH) {
            throw new IllegalArgumentException("expected " + LENGTH + " fingerprint bytes but was " + raw.length);
        }
        return new Fingerprint(raw.clone());
    }

    /** The fingerprint of the key in a DER-encoded X.509 certificate (as sent in TLS). */
    static Fingerprint ofCertificate(byte[] der) throws IOException {
        try {
            return ofSubjectPublicKeyInfo(Certificate.getInstance(der).getSubjectPublicKeyInfo());
        } catch (IllegalArgumentException e) {
            throw new IOException("not a DER-encoded X.509 certificate", e);
        }
    }

    private static Fingerprint ofSubjectPublicKeyInfo(SubjectPublicKeyInfo spki) {
        try {
            return new Fingerprint(Sha256.of(spki.getEncoded(ASN1Encoding.DER)));
        } catch (IOException e) {
            throw new IllegalArgumentException("public key cannot be DER-encoded", e);
        }
    }

    /** Lower-case hex, 64 characters. */
    public String hex() {
        return HEX.formatHex(bytes);
    }

    /** A copy of the 32 bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fingerprint that && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
