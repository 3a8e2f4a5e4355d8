package io.motam.protocol.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    private static final String HEX = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @Test
    void fromHex_upperOrLowerCase_roundTripsToLowerCaseHex() {
        assertEquals(HEX, Fingerprint.fromHex(HEX.toUpperCase()).hex());
        assertEquals(Fingerprint.fromHex(HEX), Fingerprint.fromHex(HEX.toUpperCase()));
        assertEquals(HEX, Fingerprint.fromHex(HEX).toString());
    }

    @Test
    void fromHex_wrongLength_throwsWithExpectedAndActual() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fingerprint.fromHex("abcd"));
        assertTrue(e.getMessage().contains("expected 64") && e.getMessage().contains("was 4"), e.getMessage());
    }

    @Test
    void fromHex_nonHexCharacter_throwsNamingTheIndex() {
        String bad = HEX.substring(0, 10) + "g" + HEX.substring(11);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fingerprint.fromHex(bad));
        assertTrue(e.getMessage().contains("index 10"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Fingerprint.fromHex("+" + HEX.substring(1)));
    }

    @Test
    void fromBytes_wrongLength_throws() {
        assertThrows(IllegalArgumentException.class, () -> Fingerprint.fromBytes(new byte[31]));
    }

    @Test
    void bytes_isACopy() {
        Fingerprint fingerprint = Fingerprint.fromHex(HEX);
        fingerprint.bytes()[0] = 0x7f;
        assertArrayEquals(HexFormat.of().parseHex(HEX), fingerprint.bytes());
    }

    @Test
    void of_certificateAndItsPublicKey_areEqualAndTheSha256OfTheSpki() throws Exception {
        Identity identity = Identity.generate("x");
        Fingerprint fromKey = Fingerprint.of(identity.certificate().getPublicKey());
        byte[] spkiHash = MessageDigest.getInstance("SHA-256")
                .digest(identity.certificate().getPublicKey().getEncoded());

        assertEquals(Fingerprint.of(identity.certificate()), fromKey);
        assertArrayEquals(spkiHash, fromKey.bytes());
        assertEquals(fromKey.hashCode(), Fingerprint.fromBytes(spkiHash).hashCode());
        assertNotEquals(fromKey, Fingerprint.fromHex(HEX));
    }
}
