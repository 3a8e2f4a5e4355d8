package io.motam.protocol.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.EncryptionAlgorithm;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;
import org.junit.jupiter.api.Test;

/** The JDK-backed ChaCha20-Poly1305 as Bouncy Castle's record layer drives it (in place). */
class JdkChaCha20Poly1305Test {

    private static final HexFormat HEX = HexFormat.of();

    // RFC 8439 §2.8.2, "Example and Test Vector for AEAD_CHACHA20_POLY1305"
    private static final byte[] KEY = HEX.parseHex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
    /** 32-bit constant 07000000 followed by the 64-bit IV 4041424344454647. */
    private static final byte[] NONCE = HEX.parseHex("070000004041424344454647");

    private static final byte[] AAD = HEX.parseHex("50515253c0c1c2c3c4c5c6c7");
    private static final byte[] PLAINTEXT = ("Ladies and Gentlemen of the class of '99: If I could offer you only one"
                    + " tip for the future, sunscreen would be it.")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CIPHERTEXT = HEX.parseHex(""
            + "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
            + "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
            + "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
            + "3ff4def08e4b7a9de576d26586cec64b6116");
    private static final byte[] TAG = HEX.parseHex("1ae10b594f09e26a7e902ecbd0600691");

    private static byte[] sealInPlace(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) throws Exception {
        JdkChaCha20Poly1305 enc = new JdkChaCha20Poly1305(true);
        enc.setKey(key, 0, key.length);
        enc.init(nonce, JdkChaCha20Poly1305.TAG_SIZE);
        byte[] buf = Arrays.copyOf(plaintext, enc.getOutputSize(plaintext.length));
        assertEquals(buf.length, enc.doFinal(aad, buf, 0, plaintext.length, buf, 0));
        return buf;
    }

    private static int openInPlace(byte[] key, byte[] nonce, byte[] aad, byte[] record, int offset, int length)
            throws Exception {
        JdkChaCha20Poly1305 dec = new JdkChaCha20Poly1305(false);
        dec.setKey(key, 0, key.length);
        dec.init(nonce, JdkChaCha20Poly1305.TAG_SIZE);
        assertEquals(length - JdkChaCha20Poly1305.TAG_SIZE, dec.getOutputSize(length));
        return dec.doFinal(aad, record, offset, length, record, offset);
    }

    @Test
    void encrypt_rfc8439AeadVector_givesCiphertextAndTag() throws Exception {
        byte[] sealed = sealInPlace(KEY, NONCE, AAD, PLAINTEXT);
        assertEquals(HEX.formatHex(CIPHERTEXT) + HEX.formatHex(TAG), HEX.formatHex(sealed));
    }

    @Test
    void decrypt_rfc8439AeadVector_givesPlaintextInPlace() throws Exception {
        byte[] record = new byte[5 + CIPHERTEXT.length + TAG.length];
        System.arraycopy(CIPHERTEXT, 0, record, 5, CIPHERTEXT.length);
        System.arraycopy(TAG, 0, record, 5 + CIPHERTEXT.length, TAG.length);
        int n = openInPlace(KEY, NONCE, AAD, record, 5, CIPHERTEXT.length + TAG.length);
        assertEquals(PLAINTEXT.length, n);
        assertArrayEquals(PLAINTEXT, Arrays.copyOfRange(record, 5, 5 + n));
    }

    @Test
    void decrypt_flippedCiphertextBit_badRecordMac() throws Exception {
        byte[] sealed = sealInPlace(KEY, NONCE, AAD, PLAINTEXT);
        sealed[7] ^= 0x01;
        TlsFatalAlert e =
                assertThrows(TlsFatalAlert.class, () -> openInPlace(KEY, NONCE, AAD, sealed, 0, sealed.length));
        assertEquals(AlertDescription.bad_record_mac, e.getAlertDescription());
    }

    @Test
    void decrypt_otherAdditionalData_badRecordMac() throws Exception {
        byte[] sealed = sealInPlace(KEY, NONCE, AAD, PLAINTEXT);
        byte[] otherAad = AAD.clone();
        otherAad[0] ^= 0x01;
        TlsFatalAlert e =
                assertThrows(TlsFatalAlert.class, () -> openInPlace(KEY, NONCE, otherAad, sealed, 0, sealed.length));
        assertEquals(AlertDescription.bad_record_mac, e.getAlertDescription());
    }

    /** Full-size TLS records (16 KiB + content type) agree with Bouncy Castle's own pure-Java implementation. */
    @Test
    void encrypt_randomRecords_matchBouncyCastleLightweight() throws Exception {
        Random random = new Random(8439);
        for (int length : new int[] {0, 1, 63, 64, 65, 1000, 16 * 1024 + 1}) {
            byte[] key = new byte[32];
            byte[] nonce = new byte[12];
            byte[] aad = new byte[5];
            byte[] plaintext = new byte[length];
            random.nextBytes(key);
            random.nextBytes(nonce);
            random.nextBytes(aad);
            random.nextBytes(plaintext);
            ChaCha20Poly1305 bc = new ChaCha20Poly1305();
            bc.init(true, new AEADParameters(new KeyParameter(key), 128, nonce, aad));
            byte[] expected = new byte[bc.getOutputSize(length)];
            int n = bc.processBytes(plaintext, 0, length, expected, 0);
            bc.doFinal(expected, n);
            byte[] sealed = sealInPlace(key, nonce, aad, plaintext);
            assertArrayEquals(expected, sealed, "record of " + length + " bytes");
            assertEquals(length, openInPlace(key, nonce, aad, sealed, 0, sealed.length));
            assertArrayEquals(plaintext, Arrays.copyOf(sealed, length));
        }
    }

    /** One decryptor opens records at an offset (as BC hands them) of growing and shrinking sizes, and a forged one. */
    @Test
    void decrypt_recordsAtOffsetOfMixedSizes_eachOpensAndForgeryIsRefused() throws Exception {
        Random random = new Random(14);
        byte[] key = new byte[32];
        random.nextBytes(key);
        JdkChaCha20Poly1305 dec = new JdkChaCha20Poly1305(false);
        dec.setKey(key, 0, key.length);
        int counter = 0;
        for (int length : new int[] {100, 16 * 1024 + 1, 1, 16 * 1024 + 1, 5000}) {
            byte[] nonce = new byte[12];
            nonce[11] = (byte) ++counter;
            byte[] aad = new byte[5];
            byte[] plaintext = new byte[length];
            random.nextBytes(aad);
            random.nextBytes(plaintext);
            byte[] sealed = sealInPlace(key, nonce, aad, plaintext);
            byte[] record = new byte[5 + sealed.length + 7];
            System.arraycopy(sealed, 0, record, 5, sealed.length);
            if (counter == 4) {
                record[5 + length / 2] ^= 0x40;
                dec.init(nonce, JdkChaCha20Poly1305.TAG_SIZE);
                TlsFatalAlert e =
                        assertThrows(TlsFatalAlert.class, () -> dec.doFinal(aad, record, 5, sealed.length, record, 5));
                assertEquals(AlertDescription.bad_record_mac, e.getAlertDescription());
                continue;
            }
            dec.init(nonce, JdkChaCha20Poly1305.TAG_SIZE);
            assertEquals(
                    length, dec.doFinal(aad, record, 5, sealed.length, record, 5), "record of " + length + " bytes");
            assertArrayEquals(plaintext, Arrays.copyOfRange(record, 5, 5 + length), "record of " + length + " bytes");
        }
    }

    @Test
    void decrypt_recordAboveTls13Limit_recordOverflow() throws Exception {
        JdkChaCha20Poly1305 dec = new JdkChaCha20Poly1305(false);
        dec.setKey(KEY, 0, KEY.length);
        dec.init(NONCE, JdkChaCha20Poly1305.TAG_SIZE);
        byte[] record = new byte[5 + JdkChaCha20Poly1305.MAX_CIPHERTEXT + 1];
        TlsFatalAlert e = assertThrows(
                TlsFatalAlert.class,
                () -> dec.doFinal(AAD, record, 5, JdkChaCha20Poly1305.MAX_CIPHERTEXT + 1, record, 5));
        assertEquals(AlertDescription.record_overflow, e.getAlertDescription());
    }

    @Test
    void setKey_wrongLength_refused() throws Exception {
        JdkChaCha20Poly1305 enc = new JdkChaCha20Poly1305(true);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> enc.setKey(new byte[16], 0, 16));
        assertEquals("expected a 32-byte ChaCha20 key but was 16", e.getMessage());
    }

    /** Why {@link JdkTlsCrypto} exists: Bouncy Castle's JDK-backed crypto alone cannot offer the suite. */
    @Test
    void hasEncryptionAlgorithm_chacha20_onlyWithJdkTlsCrypto() {
        assertFalse(new JcaTlsCryptoProvider()
                .create(new java.security.SecureRandom())
                .hasEncryptionAlgorithm(EncryptionAlgorithm.CHACHA20_POLY1305));
        assertTrue(JdkTlsCrypto.create().hasEncryptionAlgorithm(EncryptionAlgorithm.CHACHA20_POLY1305));
        assertTrue(JdkTlsCrypto.create().hasEncryptionAlgorithm(EncryptionAlgorithm.AES_128_GCM));
    }
}
