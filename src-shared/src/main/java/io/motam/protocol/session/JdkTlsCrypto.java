package io.motam.protocol.session;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import org.bouncycastle.jcajce.util.JcaJceHelper;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.EncryptionAlgorithm;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsCipher;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipher;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * Bouncy Castle's JDK-backed TLS crypto plus ChaCha20-Poly1305 from the JDK.
 *
 * <p>{@link JcaTlsCrypto} looks for ChaCha20 and Poly1305 as two separate JCA algorithms, which
 * the JDK does not offer, so on its own it cannot negotiate TLS_CHACHA20_POLY1305_SHA256. This
 * subclass offers it whenever the JDK has the combined {@code ChaCha20-Poly1305} cipher and builds
 * its record protection from {@link JdkChaCha20Poly1305}; everything else (AES-GCM, hashes, HKDF,
 * ECDH, ECDSA) stays {@link JcaTlsCrypto}'s.
 */
final class JdkTlsCrypto extends JcaTlsCrypto {

    private static final boolean CHACHA20_POLY1305 = JdkChaCha20Poly1305.available();

    private JdkTlsCrypto(JcaJceHelper helper, JcaJceHelper altHelper, SecureRandom entropy, SecureRandom nonceEntropy) {
        super(helper, altHelper, entropy, nonceEntropy);
    }

    /** A fresh crypto over the JDK's default providers, with its own {@link SecureRandom}. */
    static JdkTlsCrypto create() {
        return (JdkTlsCrypto) new Provider().create(new SecureRandom());
    }

    @Override
    protected Boolean isSupportedEncryptionAlgorithm(int encryptionAlgorithm) {
        if (encryptionAlgorithm == EncryptionAlgorithm.CHACHA20_POLY1305) {
            return CHACHA20_POLY1305;
        }
        return super.isSupportedEncryptionAlgorithm(encryptionAlgorithm);
    }

    @Override
    public TlsCipher createCipher(TlsCryptoParameters cryptoParams, int encryptionAlgorithm, int macAlgorithm)
            throws IOException {
        if (encryptionAlgorithm != EncryptionAlgorithm.CHACHA20_POLY1305) {
            return super.createCipher(cryptoParams, encryptionAlgorithm, macAlgorithm);
        }
        try {
            return new TlsAEADCipher(
                    cryptoParams,
                    new JdkChaCha20Poly1305(true),
                    new JdkChaCha20Poly1305(false),
                    JdkChaCha20Poly1305.KEY_SIZE,
                    JdkChaCha20Poly1305.TAG_SIZE,
                    TlsAEADCipher.AEAD_CHACHA20_POLY1305);
        } catch (GeneralSecurityException e) {
            throw new TlsFatalAlert(AlertDescription.internal_error, "the JDK has no ChaCha20-Poly1305", e);
        }
    }

    /** {@link JcaTlsCryptoProvider}'s set-up (helpers, nonce entropy), making a {@link JdkTlsCrypto}. */
    private static final class Provider extends JcaTlsCryptoProvider {
        @Override
        public JcaTlsCrypto create(SecureRandom entropy, SecureRandom nonceEntropy) {
            return new JdkTlsCrypto(getHelper(), getAltHelper(), entropy, nonceEntropy);
        }
    }
}
