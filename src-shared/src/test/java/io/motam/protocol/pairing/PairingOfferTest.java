package io.motam.protocol.pairing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.protocol.session.Fingerprint;
import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PairingOfferTest {

    /** 0x40..0x5f */
    static final Fingerprint FINGERPRINT =
            Fingerprint.fromHex("404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f");
    /** 0x00..0x1f */
    static final byte[] SECRET =
            HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    static final Instant EXPIRY = Instant.parse("2026-01-01T00:00:00Z");

    static final PairingOffer OFFER = new PairingOffer(1, "gw-1", "tcp:127.0.0.1:7420", FINGERPRINT, SECRET, EXPIRY);

    /**
     * Produced independently with Python:
     * {@code "MOTAM1:" + urlsafe_b64encode(layout).rstrip("=")} where the layout is
     * <pre>
     * 01                                        version 1
     * 04 67 77 2d 31                            gateway id length 4, "gw-1"
     * 12 74 63 70 ... 32 30                     endpoint length 18, "tcp:127.0.0.1:7420"
     * 40 41 ... 5f                              fingerprint, 32 bytes
     * 20 00 01 ... 1f                           secret length 32, secret
     * 00 00 00 00 69 55 b9 00                   expiry 1767225600 = 2026-01-01T00:00:00Z
     * </pre>
     */
    static final String FIXTURE = "MOTAM1:AQRndy0xEnRjcDoxMjcuMC4wLjE6NzQyMEBBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5f"
            + "IAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fAAAAAGlVuQA";

    @Test
    void encode_knownOffer_matchesFixture() {
        assertEquals(FIXTURE, OFFER.encode());
    }

    @Test
    void decode_fixture_givesKnownOffer() throws MalformedOfferException {
        PairingOffer decoded = PairingOffer.decode(FIXTURE);
        assertEquals(OFFER, decoded);
        assertArrayEquals(SECRET, decoded.secret());
        assertEquals(EXPIRY, decoded.expiresAt());
    }

    @Test
    void issue_defaults_secretOf32BytesAndExpiryAfterTtl() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00.750Z"), ZoneOffset.UTC);
        PairingOffer offer = PairingOffer.issue(
                "gateway-1", "bt:AA:BB:CC:DD:EE:FF", FINGERPRINT, Duration.ofMinutes(5), clock, new SecureRandom());

        assertEquals(PairingOffer.PROTOCOL_VERSION, offer.protocolVersion());
        assertEquals(32, offer.secret().length);
        assertEquals(Instant.parse("2026-03-01T12:05:00Z"), offer.expiresAt(), "whole seconds");
        assertNotEquals(
                offer,
                PairingOffer.issue(
                        "gateway-1",
                        "bt:AA:BB:CC:DD:EE:FF",
                        FINGERPRINT,
                        Duration.ofMinutes(5),
                        clock,
                        new SecureRandom()),
                "fresh secret each time");
    }

    @Test
    void isExpired_beforeAtAndAfterExpiry() {
        assertFalse(OFFER.isExpired(Clock.fixed(EXPIRY.minusSeconds(1), ZoneOffset.UTC)));
        assertTrue(OFFER.isExpired(Clock.fixed(EXPIRY, ZoneOffset.UTC)));
        assertTrue(OFFER.isExpired(Clock.fixed(EXPIRY.plusSeconds(1), ZoneOffset.UTC)));
    }

    @Test
    void toString_redactsSecret() {
        String text = OFFER.toString();
        assertTrue(text.contains("redacted") && text.contains("gw-1") && text.contains(FINGERPRINT.hex()), text);
        assertFalse(text.contains("000102030405"), text);
        assertFalse(text.contains(FIXTURE.substring(60, 90)), text);
    }

    @Test
    void secret_isCopiedInAndOut() {
        byte[] mine = SECRET.clone();
        PairingOffer offer = new PairingOffer(1, "gw-1", "tcp:h:1", FINGERPRINT, mine, EXPIRY);
        mine[0] = 9;
        offer.secret()[1] = 9;
        assertArrayEquals(SECRET, offer.secret());
    }

    @Test
    void constructor_invalidFields_throwIllegalArgumentNamingTheField() {
        assertMessage("gateway id", () -> new PairingOffer(1, "gw 1", "tcp:h:1", FINGERPRINT, SECRET, EXPIRY));
        assertMessage("gateway id", () -> new PairingOffer(1, "", "tcp:h:1", FINGERPRINT, SECRET, EXPIRY));
        assertMessage("gateway id", () -> new PairingOffer(1, "g".repeat(65), "tcp:h:1", FINGERPRINT, SECRET, EXPIRY));
        assertMessage("endpoint", () -> new PairingOffer(1, "gw", "e".repeat(129), FINGERPRINT, SECRET, EXPIRY));
        assertMessage("endpoint", () -> new PairingOffer(1, "gw", "tcp:hé:1", FINGERPRINT, SECRET, EXPIRY));
        assertMessage(
                "secret of 16..64 bytes but was 15",
                () -> new PairingOffer(1, "gw", "tcp:h:1", FINGERPRINT, new byte[15], EXPIRY));
        assertMessage(
                "protocol version 1 but was 2",
                () -> new PairingOffer(2, "gw", "tcp:h:1", FINGERPRINT, SECRET, EXPIRY));
        assertMessage(
                "expiry", () -> new PairingOffer(1, "gw", "tcp:h:1", FINGERPRINT, SECRET, Instant.ofEpochSecond(-1)));
    }

    @Test
    void decode_wrongPrefix_throwsExpectedPrefix() {
        assertMalformed("expected the prefix MOTAM1: but was \"http://", "http://example.com/");
    }

    @Test
    void decode_tooLong_throwsBeforeDecoding() {
        assertMalformed(
                "expected at most " + PairingOffer.MAX_TEXT_LENGTH,
                "MOTAM1:" + "A".repeat(PairingOffer.MAX_TEXT_LENGTH));
    }

    @Test
    void decode_paddingOrForeignCharacter_throwsNamingTheIndex() {
        assertMalformed("base64url character at index 7", "MOTAM1:=" + FIXTURE.substring(8));
        assertMalformed("base64url character at index " + FIXTURE.length(), FIXTURE + "=");
        assertMalformed("base64url character at index 10", FIXTURE.substring(0, 10) + "/" + FIXTURE.substring(11));
    }

    @Test
    void decode_nonCanonicalTrailingBits_throws() throws MalformedOfferException {
        // the last character carries 2 unused low bits: flipping the lowest one (A -> B) decodes to the same bytes
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = FIXTURE.charAt(FIXTURE.length() - 1);
        char flipped = alphabet.charAt(alphabet.indexOf(last) ^ 1);
        assertEquals(FIXTURE, PairingOffer.decode(FIXTURE).encode(), "the canonical text decodes and encodes back");
        assertMalformed("canonical", FIXTURE.substring(0, FIXTURE.length() - 1) + flipped);
    }

    @Test
    void decode_versionTwo_throwsExpectedVersion() {
        assertMalformed("expected offer version 1 but was 2", text(patch(0, 2)));
    }

    @Test
    void decode_truncated_throwsExpectedBytesOfField() {
        byte[] layout = layout();
        byte[] cut = Arrays.copyOf(layout, layout.length - 3);
        assertMalformed("expected 8 bytes of expiry at offset 90 but was 5", text(cut));
        assertMalformed("expected 1 bytes of version at offset 0 but was 0", "MOTAM1:");
    }

    @Test
    void decode_trailingBytes_throwsExpectedEnd() {
        ByteArrayOutputStream longer = new ByteArrayOutputStream();
        longer.writeBytes(layout());
        longer.write(0);
        assertMalformed("expected the offer to end at offset 98 but 1 bytes remain", text(longer.toByteArray()));
    }

    @Test
    void decode_lengthOutOfRange_throwsExpectedRange() {
        assertMalformed("expected a gateway id length of 1..64 at offset 1 but was 0", text(patch(1, 0)));
        assertMalformed("expected a secret length of 16..64 at offset 57 but was 15", text(patch(57, 15)));
        assertMalformed("expected a secret length of 16..64 at offset 57 but was 255", text(patch(57, 255)));
    }

    @Test
    void decode_controlCharacterInEndpoint_throwsNamingTheOffset() {
        assertMalformed("endpoint but byte at offset 7 was 0x0a", text(patch(7, '\n')));
    }

    @Test
    void decode_badGatewayIdCharacter_throwsFromValidation() {
        assertMalformed("gateway id", text(patch(3, '!')));
    }

    @Test
    void decode_expiryBeyondInstantMax_throws() {
        byte[] layout = layout();
        Arrays.fill(layout, layout.length - 8, layout.length, (byte) 0x7f);
        assertMalformed("expected an expiry of 0..", text(layout));
    }

    private static byte[] layout() {
        return Base64.getUrlDecoder().decode(FIXTURE.substring(PairingOffer.TEXT_PREFIX.length()));
    }

    private static byte[] patch(int offset, int value) {
        byte[] layout = layout();
        layout[offset] = (byte) value;
        return layout;
    }

    private static String text(byte[] layout) {
        return PairingOffer.TEXT_PREFIX
                + Base64.getUrlEncoder().withoutPadding().encodeToString(layout);
    }

    private static void assertMalformed(String expectedPart, String text) {
        MalformedOfferException e = assertThrows(MalformedOfferException.class, () -> PairingOffer.decode(text));
        assertTrue(
                e.getMessage().contains(expectedPart), () -> "expected \"" + expectedPart + "\" in: " + e.getMessage());
    }

    private static void assertMessage(String expectedPart, org.junit.jupiter.api.function.Executable construct) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construct);
        assertTrue(
                e.getMessage().contains(expectedPart), () -> "expected \"" + expectedPart + "\" in: " + e.getMessage());
    }
}
