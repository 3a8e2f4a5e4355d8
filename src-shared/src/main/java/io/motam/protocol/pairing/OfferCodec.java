package io.motam.protocol.pairing;

import io.motam.protocol.session.Fingerprint;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * The binary layout and text form drawn in {@link PairingOffer}'s Javadoc.
 *
 * <p>Decoding checks the text length before decoding base64, and every length byte against its
 * limit and against the bytes that remain before reading the field; a failure names the field,
 * the offset, what was expected and what was found. The base64url must be canonical (what
 * {@link #encode} would write), so one offer has exactly one text form.
 */
final class OfferCodec {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();

    private OfferCodec() {}

    static String encode(PairingOffer offer) {
        byte[] id = offer.gatewayId().getBytes(StandardCharsets.US_ASCII);
        byte[] endpoint = offer.endpoint().getBytes(StandardCharsets.US_ASCII);
        byte[] secret = offer.secret();
        ByteBuffer out =
                ByteBuffer.allocate(PairingOffer.FIXED_BINARY_LENGTH + id.length + endpoint.length + secret.length);
        out.put((byte) offer.protocolVersion());
        out.put((byte) id.length).put(id);
        out.put((byte) endpoint.length).put(endpoint);
        out.put(offer.gatewayFingerprint().bytes());
        out.put((byte) secret.length).put(secret);
        out.putLong(offer.expiresAt().getEpochSecond());
        String text = PairingOffer.TEXT_PREFIX + BASE64URL.encodeToString(out.array());
        Arrays.fill(secret, (byte) 0);
        Arrays.fill(out.array(), (byte) 0);
        return text;
    }

    static PairingOffer decode(String text) throws MalformedOfferException {
        if (text == null) {
            throw new MalformedOfferException("expected an offer but was null");
        }
        if (!text.startsWith(PairingOffer.TEXT_PREFIX)) {
            throw new MalformedOfferException("expected the prefix " + PairingOffer.TEXT_PREFIX + " but was \""
                    + text.substring(0, Math.min(text.length(), PairingOffer.TEXT_PREFIX.length()))
                            .replaceAll("[^\\x20-\\x7e]", "?")
                    + "\"");
        }
        if (text.length() > PairingOffer.MAX_TEXT_LENGTH) {
            throw new MalformedOfferException(
                    "expected at most " + PairingOffer.MAX_TEXT_LENGTH + " characters but was " + text.length());
        }
        String body = text.substring(PairingOffer.TEXT_PREFIX.length());
        byte[] binary = base64(body);
        Reader in = new Reader(binary);
        int version = in.u8("version");
        if (version != PairingOffer.PROTOCOL_VERSION) {
            throw new MalformedOfferException(
                    "expected offer version " + PairingOffer.PROTOCOL_VERSION + " but was " + version);
        }
        String gatewayId = in.ascii("gateway id", 1, PairingOffer.MAX_GATEWAY_ID_LENGTH);
        String endpoint = in.ascii("endpoint", 1, PairingOffer.MAX_ENDPOINT_LENGTH);
        Fingerprint fingerprint = Fingerprint.fromBytes(in.bytes("fingerprint", Fingerprint.LENGTH));
        byte[] secret =
                in.bytes("secret", in.length("secret", PairingOffer.MIN_SECRET_LENGTH, PairingOffer.MAX_SECRET_LENGTH));
        long expiry = in.u64("expiry");
        in.end();
        if (expiry < 0 || expiry > Instant.MAX.getEpochSecond()) {
            throw new MalformedOfferException("expected an expiry of 0.." + Instant.MAX.getEpochSecond()
                    + " seconds but was " + Long.toUnsignedString(expiry));
        }
        try {
            return new PairingOffer(version, gatewayId, endpoint, fingerprint, secret, Instant.ofEpochSecond(expiry));
        } catch (IllegalArgumentException e) {
            throw new MalformedOfferException(e.getMessage(), e);
        } finally {
            Arrays.fill(secret, (byte) 0);
            Arrays.fill(binary, (byte) 0);
        }
    }

    private static byte[] base64(String body) throws MalformedOfferException {
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            boolean alphabet =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!alphabet) {
                throw new MalformedOfferException("expected a base64url character at index "
                        + (PairingOffer.TEXT_PREFIX.length() + i) + " but was U+" + String.format("%04X", (int) c));
            }
        }
        byte[] binary;
        try {
            binary = BASE64URL_DECODER.decode(body);
        } catch (IllegalArgumentException e) {
            throw new MalformedOfferException(
                    "expected unpadded base64url but " + body.length() + " characters cannot be decoded: "
                            + e.getMessage(),
                    e);
        }
        if (!BASE64URL.encodeToString(binary).equals(body)) {
            throw new MalformedOfferException("expected canonical base64url but unused trailing bits are set");
        }
        return binary;
    }

    /** A cursor that checks before every read. */
    private static final class Reader {
        private final byte[] data;
        private int offset;

        Reader(byte[] data) {
            this.data = data;
        }

        private void need(String field, int count) throws MalformedOfferException {
            if (data.length - offset < count) {
                throw new MalformedOfferException("expected " + count + " bytes of " + field + " at offset " + offset
                        + " but was " + (data.length - offset));
            }
        }

        int u8(String field) throws MalformedOfferException {
            need(field, 1);
            return data[offset++] & 0xff;
        }

        int length(String field, int min, int max) throws MalformedOfferException {
            int at = offset;
            int length = u8(field + " length");
            if (length < min || length > max) {
                throw new MalformedOfferException("expected a " + field + " length of " + min + ".." + max
                        + " at offset " + at + " but was " + length);
            }
            return length;
        }

        byte[] bytes(String field, int count) throws MalformedOfferException {
            need(field, count);
            byte[] out = Arrays.copyOfRange(data, offset, offset + count);
            offset += count;
            return out;
        }

        String ascii(String field, int min, int max) throws MalformedOfferException {
            int length = length(field, min, max);
            int start = offset;
            byte[] raw = bytes(field, length);
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] < 0x21 || raw[i] > 0x7e) {
                    throw new MalformedOfferException("expected a printable ASCII " + field + " but byte at offset "
                            + (start + i) + " was 0x" + String.format("%02x", raw[i] & 0xff));
                }
            }
            return new String(raw, StandardCharsets.US_ASCII);
        }

        long u64(String field) throws MalformedOfferException {
            need(field, Long.BYTES);
            long value = ByteBuffer.wrap(data, offset, Long.BYTES).getLong();
            offset += Long.BYTES;
            return value;
        }

        void end() throws MalformedOfferException {
            if (offset != data.length) {
                throw new MalformedOfferException("expected the offer to end at offset " + offset + " but "
                        + (data.length - offset) + " bytes remain");
            }
        }
    }
}
