package io.motam.protocol.session;

import java.io.IOException;
import java.util.Vector;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.SignatureScheme;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCertificate;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * The one TLS configuration MOTAM speaks, shared by {@link SessionServer} and
 * {@link SessionClient}.
 *
 * <ul>
 * <li>TLS 1.3 only (RFC 8446): no renegotiation exists, no RSA key transport, no CBC; a peer
 * offering only TLS 1.2 gets a {@code protocol_version} alert.</li>
 * <li>Cipher suites {@code TLS_CHACHA20_POLY1305_SHA256}, {@code TLS_AES_128_GCM_SHA256} and
 * {@code TLS_AES_256_GCM_SHA384}, ordered by each end's {@link CipherPreference}: ChaCha20 first
 * on a CPU without AES instructions, AES-GCM first on one with them. The server picks: its own
 * order, except that a client whose first suite is ChaCha20 gets ChaCha20 ({@link #serverOrder}),
 * so that an end without AES instructions never has to run AES in software.</li>
 * <li>Key exchange on x25519 or secp256r1 only, on both sides: a client that offers only other
 * groups (finite-field ffdhe2048..8192, whose 4096-bit exponentiation a peer could otherwise
 * force on a Pi for every handshake; x448; secp384r1) gets a {@code handshake_failure} alert.</li>
 * <li>Both sides authenticate with {@code ecdsa_secp256r1_sha256} and exactly one self-signed
 * certificate; peers are identified by {@link Fingerprint}, not by any CA.</li>
 * <li>Crypto from {@link JdkTlsCrypto} ({@link JcaTlsCryptoProvider} over the JDK's default
 * providers, plus the JDK's ChaCha20-Poly1305): the JDK's AES-GCM is intrinsified (AES-NI / ARMv8
 * crypto extensions) and its ChaCha20-Poly1305 several times faster than Bouncy Castle's
 * pure-Java lightweight crypto. The BC provider is never registered.</li>
 * <li>No session resumption, no PSK, no 0-RTT: every session is a full handshake, so the
 * exporter and the peer's key always come from this connection.</li>
 * </ul>
 */
final class Tls13Profile {

    /** The only protocol version offered or accepted. */
    static final ProtocolVersion[] VERSIONS = ProtocolVersion.TLSv13.only();

    /** The only signature scheme, for handshake signatures and certificates alike. */
    static final SignatureAndHashAlgorithm SIGNATURE =
            SignatureScheme.getSignatureAndHashAlgorithm(SignatureScheme.ecdsa_secp256r1_sha256);

    /** Our identities are single self-signed certificates; a longer chain is not ours. */
    static final int MAX_CERTIFICATE_CHAIN_LENGTH = 1;

    /**
     * Largest handshake message accepted (BC's default is 32 KiB). Our biggest is a Certificate of
     * about 500 bytes; 16 KiB leaves room for extensions while bounding what a peer can make us
     * buffer.
     */
    static final int MAX_HANDSHAKE_MESSAGE_SIZE = 16 * 1024;

    /** Our suites when AES-GCM comes first. */
    private static final int[] AES_GCM_FIRST = {
        CipherSuite.TLS_AES_128_GCM_SHA256,
        CipherSuite.TLS_AES_256_GCM_SHA384,
        CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
    };

    /** Our suites when ChaCha20-Poly1305 comes first. */
    private static final int[] CHACHA20_FIRST = {
        CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_AES_128_GCM_SHA256,
        CipherSuite.TLS_AES_256_GCM_SHA384,
    };

    private static final int[] GROUPS = {NamedGroup.x25519, NamedGroup.secp256r1};

    private Tls13Profile() {}

    /** A fresh JDK-backed TLS crypto with its own {@code SecureRandom}. */
    static JcaTlsCrypto crypto() {
        return JdkTlsCrypto.create();
    }

    /** Our suites that the crypto can do, in the order {@code preference} (resolved) gives. */
    static int[] cipherSuites(JcaTlsCrypto crypto, CipherPreference preference) {
        int[] ordered = preference.resolve() == CipherPreference.CHACHA20 ? CHACHA20_FIRST : AES_GCM_FIRST;
        return TlsUtils.getSupportedCipherSuites(crypto, ordered);
    }

    /**
     * The server's order for one handshake: {@code local} (its own preference), with ChaCha20
     * moved to the front if the client offered it first. The server then takes the first of these
     * that the client offered. So ChaCha20 is chosen if either end prefers it (an end without AES
     * instructions pays about five times more for AES-GCM than one with them pays for ChaCha20),
     * AES-GCM if both prefer it; a client offering only one kind gets that kind.
     */
    static int[] serverOrder(int[] local, int[] offered) {
        int chacha = CipherSuite.TLS_CHACHA20_POLY1305_SHA256;
        if (offered == null
                || offered.length == 0
                || offered[0] != chacha
                || local.length == 0
                || local[0] == chacha
                || java.util.Arrays.stream(local).noneMatch(s -> s == chacha)) {
            return local;
        }
        int[] order = new int[local.length];
        order[0] = chacha;
        int i = 1;
        for (int suite : local) {
            if (suite != chacha) {
                order[i++] = suite;
            }
        }
        return order;
    }

    /** The groups a client offers: ours that the crypto can do, in order of preference. */
    static Vector<Integer> groups(JcaTlsCrypto crypto) {
        Vector<Integer> groups = new Vector<>();
        for (int group : GROUPS) {
            if (crypto.hasNamedGroup(group)) {
                groups.add(group);
            }
        }
        return groups;
    }

    /** The groups a server accepts: the same as {@link #groups}, as BC's server asks for them. */
    static int[] serverGroups(JcaTlsCrypto crypto) {
        return groups(crypto).stream().mapToInt(Integer::intValue).toArray();
    }

    static Vector<SignatureAndHashAlgorithm> signatureAlgorithms() {
        Vector<SignatureAndHashAlgorithm> algorithms = new Vector<>();
        algorithms.add(SIGNATURE);
        return algorithms;
    }

    /**
     * Our certificate and key as TLS credentials.
     *
     * @param requestContext the CertificateRequest's context for a client, empty for a server
     */
    static TlsCredentialedSigner signer(
            TlsContext context, JcaTlsCrypto crypto, Identity identity, byte[] requestContext) {
        Certificate chain = new Certificate(requestContext, new CertificateEntry[] {
            new CertificateEntry(new JcaTlsCertificate(crypto, identity.certificate()), null)
        });
        return new JcaDefaultTlsCredentialedSigner(
                new TlsCryptoParameters(context), crypto, identity.privateKey(), chain, SIGNATURE);
    }

    /** The fingerprint of the end-entity certificate of a peer's chain. */
    static Fingerprint peerFingerprint(Certificate chain) throws IOException {
        return Fingerprint.ofCertificate(chain.getCertificateAt(0).getEncoded());
    }

    /** The RFC 8446 name of one of our suites, for logs. */
    static String suiteName(int suite) {
        return switch (suite) {
            case CipherSuite.TLS_AES_128_GCM_SHA256 -> "TLS_AES_128_GCM_SHA256";
            case CipherSuite.TLS_AES_256_GCM_SHA384 -> "TLS_AES_256_GCM_SHA384";
            case CipherSuite.TLS_CHACHA20_POLY1305_SHA256 -> "TLS_CHACHA20_POLY1305_SHA256";
            default -> String.format("0x%04x", suite);
        };
    }
}
