package io.motam.protocol.pairing;

import io.motam.protocol.message.Identifiers;
import io.motam.protocol.session.Fingerprint;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a gateway shows (as a QR code) to a camera that should pair with it: where to connect,
 * which key to expect there, and a one-time secret to prove it saw this offer.
 *
 * <p>The camera connects to {@link #endpoint()} with {@code SessionClient.connect}, pinning
 * {@link #gatewayFingerprint()}, and then sends a {@link PairingProof} made with
 * {@link #secret()}; anyone who can see the QR code can pair, so the gateway shows it only
 * while an operator opened a pairing window, and only until {@link #expiresAt()}.
 *
 * <p>The text form ({@link #encode()}, {@link #decode(String)}) is {@value #TEXT_PREFIX}
 * followed by base64url without padding (RFC 4648 §5) of this binary layout, all integers
 * unsigned big-endian:
 *
 * <pre>
 * +---------+-----+-----------+-----+-----------+-------------+-----+--------+-------------+
 * | version | idL | gatewayId | epL | endpoint  | fingerprint | sL  | secret | expiresAt   |
 * |   u8=1  | u8  | idL bytes | u8  | epL bytes |  32 bytes   | u8  | sL B   | u64 seconds |
 * +---------+-----+-----------+-----+-----------+-------------+-----+--------+-------------+
 *   idL 1..64, gatewayId an id (Identifiers.ID: [A-Za-z0-9._-], the first not a dot)
 *   epL 1..128, endpoint printable ASCII (0x21..0x7e), e.g. "tcp:127.0.0.1:7420", "bt:AA:BB:CC:DD:EE:FF"
 *   fingerprint = SHA-256 of the gateway key's SubjectPublicKeyInfo
 *   sL 16..64 (32 when issued here)
 *   expiresAt = seconds since 1970-01-01T00:00:00Z
 * </pre>
 *
 * <p>That is 44 + idL + epL + sL bytes, at most {@value #MAX_BINARY_LENGTH}; typically about
 * 100, which fits a version 8 QR code at error correction M. Binary rather than JSON or a URI
 * keeps the code small enough to scan from across a room. The strings are ASCII so that a
 * character count is a byte count.
 *
 * @param protocolVersion the layout version, {@value #PROTOCOL_VERSION}
 * @param gatewayId the gateway's id, for the camera's logs and config
 * @param endpoint how to reach the gateway
 * @param gatewayFingerprint the gateway key to pin
 * @param secret the one-time pairing secret (copied in and out, redacted in {@link #toString()})
 * @param expiresAt the end of validity, whole seconds (sub-second parts are truncated)
 */
public record PairingOffer(
        int protocolVersion,
        String gatewayId,
        String endpoint,
        Fingerprint gatewayFingerprint,
        byte[] secret,
        Instant expiresAt) {

    /** The only layout version this code writes and reads. */
    public static final int PROTOCOL_VERSION = 1;

    /** Prefix of the text form; tells a scanner this QR code is ours. */
    public static final String TEXT_PREFIX = "MOTAM1:";

    public static final int MAX_GATEWAY_ID_LENGTH = Identifiers.MAX_LENGTH;
    public static final int MAX_ENDPOINT_LENGTH = 128;
    public static final int MIN_SECRET_LENGTH = 16;
    public static final int DEFAULT_SECRET_LENGTH = 32;
    public static final int MAX_SECRET_LENGTH = 64;

    /** Bytes of the layout besides the three variable fields: 1+1+1+32+1+8. */
    public static final int FIXED_BINARY_LENGTH = 1 + 1 + 1 + Fingerprint.LENGTH + 1 + Long.BYTES;

    /** The largest binary form. */
    public static final int MAX_BINARY_LENGTH =
            FIXED_BINARY_LENGTH + MAX_GATEWAY_ID_LENGTH + MAX_ENDPOINT_LENGTH + MAX_SECRET_LENGTH;

    /** The longest text form: the prefix and unpadded base64 of the largest binary form. */
    public static final int MAX_TEXT_LENGTH = TEXT_PREFIX.length() + (MAX_BINARY_LENGTH * 4 + 2) / 3;

    private static final Pattern ENDPOINT = Pattern.compile("[\\x21-\\x7e]{1," + MAX_ENDPOINT_LENGTH + "}");

    /**
     * Validates every field and copies the secret.
     *
     * @throws IllegalArgumentException naming the field, its expected form and its actual value
     *         (never the secret's bytes)
     */
    public PairingOffer {
        if (protocolVersion != PROTOCOL_VERSION) {
            throw new IllegalArgumentException(
                    "expected protocol version " + PROTOCOL_VERSION + " but was " + protocolVersion);
        }
        Objects.requireNonNull(gatewayId, "gatewayId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(gatewayFingerprint, "gatewayFingerprint");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!Identifiers.isId(gatewayId)) {
            throw new IllegalArgumentException("expected a gateway id matching " + Identifiers.ID.pattern()
                    + " but was \"" + printable(gatewayId) + "\"");
        }
        if (!ENDPOINT.matcher(endpoint).matches()) {
            throw new IllegalArgumentException("expected an endpoint of 1.." + MAX_ENDPOINT_LENGTH
                    + " printable ASCII characters but was \"" + printable(endpoint) + "\"");
        }
        if (secret.length < MIN_SECRET_LENGTH || secret.length > MAX_SECRET_LENGTH) {
            throw new IllegalArgumentException("expected a secret of " + MIN_SECRET_LENGTH + ".." + MAX_SECRET_LENGTH
                    + " bytes but was " + secret.length + " bytes");
        }
        if (expiresAt.getEpochSecond() < 0) {
            throw new IllegalArgumentException(
                    "expected an expiry at or after 1970-01-01T00:00:00Z but was " + expiresAt);
        }
        secret = secret.clone();
        expiresAt = expiresAt.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * A new offer with a fresh {@value #DEFAULT_SECRET_LENGTH}-byte secret, valid for {@code ttl}
     * from now.
     */
    public static PairingOffer issue(
            String gatewayId,
            String endpoint,
            Fingerprint gatewayFingerprint,
            Duration ttl,
            Clock clock,
            SecureRandom random) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("expected a time to live of at least 1 s but was " + ttl);
        }
        byte[] secret = new byte[DEFAULT_SECRET_LENGTH];
        random.nextBytes(secret);
        return new PairingOffer(
                PROTOCOL_VERSION,
                gatewayId,
                endpoint,
                gatewayFingerprint,
                secret,
                clock.instant().plus(ttl));
    }

    /** Parses the text form; see the class comment for the layout. */
    public static PairingOffer decode(String text) throws MalformedOfferException {
        return OfferCodec.decode(text);
    }

    /** The text form: {@value #TEXT_PREFIX} and base64url of the binary layout. Contains the secret. */
    public String encode() {
        return OfferCodec.encode(this);
    }

    /** Whether the offer is no longer valid at the clock's current instant. */
    public boolean isExpired(Clock clock) {
        return !clock.instant().isBefore(expiresAt);
    }

    /** A copy of the secret. */
    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PairingOffer that
                && protocolVersion == that.protocolVersion
                && gatewayId.equals(that.gatewayId)
                && endpoint.equals(that.endpoint)
                && gatewayFingerprint.equals(that.gatewayFingerprint)
                && MessageDigest.isEqual(secret, that.secret)
                && expiresAt.equals(that.expiresAt);
    }

    /** Leaves the secret out: equal offers still hash alike. */
    @Override
    public int hashCode() {
        return Objects.hash(protocolVersion, gatewayId, endpoint, gatewayFingerprint, expiresAt);
    }

    @Override
    public String toString() {
        return "PairingOffer[protocolVersion=" + protocolVersion + ", gatewayId=" + gatewayId + ", endpoint=" + endpoint
                + ", gatewayFingerprint=" + gatewayFingerprint + ", secret=(" + secret.length + " bytes, redacted)"
                + ", expiresAt=" + expiresAt + "]";
    }

    /** Escapes control and non-ASCII characters so an exception message stays one safe line. */
    private static String printable(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(MAX_ENDPOINT_LENGTH + 1).forEach(c -> {
            if (c >= 0x20 && c <= 0x7e) {
                out.append((char) c);
            } else {
                out.append(String.format("\\u%04x", c));
            }
        });
        return out.toString();
    }
}
