package io.motam.protocol.pairing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.protocol.session.Fingerprint;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Known-answer vectors produced with OpenSSL 3, independently of this code:
 *
 * <pre>
 * { printf 'motam-pairing-v1'; echo -n "$EXPORTER$FINGERPRINT" | xxd -r -p; } > msg.bin
 * openssl dgst -sha256 -mac HMAC -macopt hexkey:$SECRET msg.bin
 * </pre>
 */
class PairingProofTest {

    private static final HexFormat HEX = HexFormat.of();

    /** Vector 1: secret 00..1f, exporter 20..3f, fingerprint 40..5f. */
    private static final byte[] SECRET_1 =
            HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    private static final byte[] EXPORTER_1 =
            HEX.parseHex("202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f");
    private static final Fingerprint CAMERA_1 =
            Fingerprint.fromHex("404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f");
    private static final String PROOF_1 = "3a2ee4309b601af966fb6dbccd2ae62a7ddebfdd16b6254f9b48d2cffc0376af";

    /** Vector 2: a minimum-length 16-byte secret of aa, exporter 32 x 11, fingerprint 32 x 22. */
    private static final byte[] SECRET_2 = HEX.parseHex("aa".repeat(16));

    private static final byte[] EXPORTER_2 = HEX.parseHex("11".repeat(32));
    private static final Fingerprint CAMERA_2 = Fingerprint.fromHex("22".repeat(32));
    private static final String PROOF_2 = "e01285ae38a5373d3e1b7a30a6872faa49457547270def4baaa0c6166d7c843f";

    @Test
    void compute_knownAnswerVectors_matchOpenSsl() {
        assertEquals(PROOF_1, HEX.formatHex(PairingProof.compute(SECRET_1, EXPORTER_1, CAMERA_1)));
        assertEquals(PROOF_2, HEX.formatHex(PairingProof.compute(SECRET_2, EXPORTER_2, CAMERA_2)));
        assertEquals(PairingProof.PROOF_LENGTH, PairingProof.compute(SECRET_1, EXPORTER_1, CAMERA_1).length);
    }

    @Test
    void verify_correctProof_isTrue() {
        assertTrue(PairingProof.verify(SECRET_1, EXPORTER_1, CAMERA_1, HEX.parseHex(PROOF_1)));
    }

    @Test
    void verify_wrongSecret_isFalse() {
        byte[] wrong = SECRET_1.clone();
        wrong[31] ^= 1;
        assertFalse(PairingProof.verify(wrong, EXPORTER_1, CAMERA_1, HEX.parseHex(PROOF_1)));
    }

    @Test
    void verify_wrongExporter_isFalse() {
        assertFalse(PairingProof.verify(SECRET_1, EXPORTER_2, CAMERA_1, HEX.parseHex(PROOF_1)));
    }

    @Test
    void verify_wrongCameraKey_isFalse() {
        assertFalse(PairingProof.verify(SECRET_1, EXPORTER_1, CAMERA_2, HEX.parseHex(PROOF_1)));
    }

    @Test
    void verify_flippedBitOrWrongLength_isFalse() {
        byte[] flipped = HEX.parseHex(PROOF_1);
        flipped[0] ^= (byte) 0x80;
        assertFalse(PairingProof.verify(SECRET_1, EXPORTER_1, CAMERA_1, flipped));
        assertFalse(PairingProof.verify(SECRET_1, EXPORTER_1, CAMERA_1, HEX.parseHex(PROOF_1.substring(0, 62))));
        assertFalse(PairingProof.verify(SECRET_1, EXPORTER_1, CAMERA_1, new byte[0]));
    }

    @Test
    void compute_badInputLengths_throwIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> PairingProof.compute(new byte[15], EXPORTER_1, CAMERA_1));
        assertThrows(IllegalArgumentException.class, () -> PairingProof.compute(SECRET_1, new byte[31], CAMERA_1));
    }

    @Test
    void compute_doesNotModifyItsInputs() {
        byte[] secret = SECRET_1.clone();
        byte[] exporter = EXPORTER_1.clone();
        PairingProof.verify(secret, exporter, CAMERA_1, HEX.parseHex(PROOF_1));
        assertArrayEquals(SECRET_1, secret);
        assertArrayEquals(EXPORTER_1, exporter);
    }
}
