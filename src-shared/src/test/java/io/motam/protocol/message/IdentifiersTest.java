package io.motam.protocol.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.protocol.frame.CorruptFrameException;
import io.motam.protocol.frame.Frame;
import io.motam.protocol.frame.FrameType;
import io.motam.protocol.pairing.PairingOffer;
import io.motam.protocol.session.Fingerprint;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"cam-1", "a", "A_b-9", "cam.1", "a..b", "x.", "-lead", "_lead", "0"})
    void isId_lettersDigitsDotUnderscoreDash_notLeadingDot_accepted(String id) {
        assertTrue(Identifiers.isId(id), id);
        assertEquals(id, Identifiers.requireId(id, "camera id"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {".", "..", ".hidden", "...", "", "a/b", "a b", "cam+1", "é", "a\u0000"})
    void isId_leadingDotOrOtherCharacters_refused(String id) {
        assertFalse(Identifiers.isId(id), id);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Identifiers.requireId(id, "camera id"));
        assertTrue(e.getMessage().startsWith("camera id must match"), e.getMessage());
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {1, 63, 64})
    void isId_upTo64Characters_accepted(int length) {
        assertTrue(Identifiers.isId("c".repeat(length)));
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {65, 1000})
    void isId_over64Characters_refused(int length) {
        assertFalse(Identifiers.isId("c".repeat(length)));
        assertFalse(Identifiers.isId(null));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {".", "..", ".cam"})
    void hello_cameraIdWithLeadingDot_refusedWhenBuiltAndWhenDecoded(String id) {
        assertThrows(IllegalArgumentException.class, () -> new Hello(1, 3, id));

        byte[] text = id.getBytes(StandardCharsets.UTF_8);
        // HELLO payload: min u8 = 1 | max u8 = 3 | cameraId str (u16 length + UTF-8)
        ByteBuffer payload = ByteBuffer.allocate(2 + 2 + text.length)
                .put((byte) 1)
                .put((byte) 3)
                .putShort((short) text.length)
                .put(text);
        Frame frame = Frame.unsequenced(FrameType.HELLO, payload.array());
        assertThrows(CorruptFrameException.class, () -> MessageCodec.decode(frame));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {".", "..", ".gw"})
    void pairingOffer_gatewayIdWithLeadingDot_refused(String id) {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new PairingOffer(
                        1, id, "tcp:h:1", Fingerprint.fromHex("ab".repeat(32)), new byte[32], Instant.EPOCH));
        assertTrue(e.getMessage().contains("gateway id"), e.getMessage());
    }
}
