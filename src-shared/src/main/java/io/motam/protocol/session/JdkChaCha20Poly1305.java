package io.motam.protocol.session;

import java.io.IOException;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;

/**
 * One direction of AEAD_CHACHA20_POLY1305 (RFC 8439 §2.8) for Bouncy Castle's TLS record layer,
 * backed by the JDK's {@code Cipher "ChaCha20-Poly1305"} (SunJCE; intrinsified on newer JDKs)
 * instead of Bouncy Castle's pure-Java ChaCha20.
 *
 * <p>Key 32 bytes, nonce 12 bytes, tag 16 bytes appended to the ciphertext. Bouncy Castle calls
 * {@link #init} with a fresh per-record nonce (RFC 8446 §5.3) before each {@link #doFinal}, and
 * encrypts and decrypts in place (same array, same offset), which the JDK cipher allows. A record
 * whose tag does not verify raises a {@code bad_record_mac} alert.
 *
 * <p>Decryption hands the JDK cipher its input at offset 0: for any other offset SunJCE on Java 17
 * first copies the record into a growing buffer and then into a fresh array (Java 25's does not),
 * a copy and an allocation per record more than the one copy into {@link #scratch} that replaces
 * them. The scratch buffer grows to the largest record seen, at most {@value #MAX_CIPHERTEXT}
 * bytes.
 */
final class JdkChaCha20Poly1305 implements TlsAEADCipherImpl {

    /** The JDK's transformation name. */
    static final String TRANSFORMATION = "ChaCha20-Poly1305";

    static final int KEY_SIZE = 32;
    static final int NONCE_SIZE = 12;
    static final int TAG_SIZE = 16;
    /** Largest TLS 1.3 record body (RFC 8446 §5.2: 2^14 + 256 bytes), the scratch buffer's bound. */
    static final int MAX_CIPHERTEXT = (1 << 14) + 256;

    private final boolean encrypt;
    private final Cipher cipher;
    private SecretKey key;
    private byte[] scratch = new byte[0];

    JdkChaCha20Poly1305(boolean encrypt) throws GeneralSecurityException {
        this.encrypt = encrypt;
        this.cipher = Cipher.getInstance(TRANSFORMATION);
    }

    /** Whether this JDK offers the cipher (SunJCE has since Java 11). */
    static boolean available() {
        try {
            Cipher.getInstance(TRANSFORMATION);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public void setKey(byte[] keyBytes, int offset, int length) {
        if (length != KEY_SIZE) {
            throw new IllegalStateException("expected a " + KEY_SIZE + "-byte ChaCha20 key but was " + length);
        }
        key = new SecretKeySpec(keyBytes, offset, length, "ChaCha20");
    }

    @Override
    public void init(byte[] nonce, int macSize) throws IOException {
        if (nonce.length != NONCE_SIZE || macSize != TAG_SIZE) {
            throw new IllegalStateException("expected a " + NONCE_SIZE + "-byte nonce and a " + TAG_SIZE
                    + "-byte tag but were " + nonce.length + " and " + macSize);
        }
        if (key == null) {
            throw new IllegalStateException("expected a key before init");
        }
        try {
            cipher.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, key, new IvParameterSpec(nonce));
        } catch (GeneralSecurityException e) {
            // the JDK refuses to encrypt twice under one key and nonce; TLS never asks it to
            throw new TlsFatalAlert(AlertDescription.internal_error, "ChaCha20-Poly1305 init failed", e);
        }
    }

    @Override
    public int getOutputSize(int inputLength) {
        return encrypt ? inputLength + TAG_SIZE : Math.max(inputLength - TAG_SIZE, 0);
    }

    @Override
    public int doFinal(
            byte[] additionalData, byte[] input, int inputOffset, int inputLength, byte[] output, int outputOffset)
            throws IOException {
        try {
            if (additionalData != null && additionalData.length > 0) {
                cipher.updateAAD(additionalData);
            }
            if (encrypt || inputOffset == 0) {
                return cipher.doFinal(input, inputOffset, inputLength, output, outputOffset);
            }
            if (inputLength > MAX_CIPHERTEXT) {
                throw new TlsFatalAlert(
                        AlertDescription.record_overflow,
                        "expected a record of at most " + MAX_CIPHERTEXT + " bytes but was " + inputLength);
            }
            if (scratch.length < inputLength) {
                scratch = new byte[inputLength];
            }
            System.arraycopy(input, inputOffset, scratch, 0, inputLength);
            return cipher.doFinal(scratch, 0, inputLength, output, outputOffset);
        } catch (AEADBadTagException e) {
            throw new TlsFatalAlert(AlertDescription.bad_record_mac, e);
        } catch (GeneralSecurityException e) {
            throw new TlsFatalAlert(encrypt ? AlertDescription.internal_error : AlertDescription.bad_record_mac, e);
        }
    }
}
