package io.motam.protocol.session;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jboss.logging.Logger;

/**
 * A device's long-term identity: an EC P-256 key pair and a self-signed X.509 v3 certificate.
 *
 * <p>MOTAM has no certificate authority: peers pin each other's {@link Fingerprint} (learnt
 * while pairing), so the certificate only exists because TLS needs one to carry the key. It is
 * therefore self-signed with {@code SHA256withECDSA}, names the device as {@code CN=<name>}, is
 * marked as an end entity allowed to sign ({@code keyUsage=digitalSignature}, critical), and
 * never expires ({@code notAfter=99991231235959Z}, the RFC 5280 §4.1.2.5 "no well-defined
 * expiration" value): a camera on a wall must not stop working one day because a date passed.
 *
 * <p>P-256 with ECDSA because the JDK's SunEC provider signs with it and it is the mandatory
 * TLS 1.3 signature scheme ({@code ecdsa_secp256r1_sha256}), so no Bouncy Castle JCA provider
 * has to be registered.
 *
 * <p>On disk ({@link #loadOrCreate}) the key is {@value IdentityFiles#KEY_FILE} (PKCS#8 PEM,
 * {@code rw-------}) and the certificate {@value IdentityFiles#CERTIFICATE_FILE} (PEM).
 */
public final class Identity {

    private static final Logger LOG = Logger.getLogger(Identity.class);

    /** The curve of every identity key. */
    public static final String CURVE = "secp256r1";

    /** The certificate's signature algorithm (JCA name). */
    public static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    /** Longest accepted device name, in characters. */
    public static final int MAX_NAME_LENGTH = 64;

    /** notBefore is backdated so a peer whose clock lags ours still sees a valid certificate. */
    private static final Duration BACKDATE = Duration.ofDays(1);

    /** RFC 5280 §4.1.2.5: "no well-defined expiration date", 9999-12-31T23:59:59Z. */
    private static final Instant NEVER = Instant.parse("9999-12-31T23:59:59Z");

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final Fingerprint fingerprint;

    Identity(X509Certificate certificate, PrivateKey privateKey) {
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.fingerprint = Fingerprint.of(certificate);
    }

    /**
     * Loads the identity stored in {@code dir}, or creates and stores a new one named {@code name}
     * if there is none. The name is only used when creating.
     *
     * @throws IOException if only one of the two files exists, if a file is corrupt (the message
     *         names the file) or if the files cannot be written
     */
    public static Identity loadOrCreate(Path dir, String name) throws IOException {
        Objects.requireNonNull(dir, "dir");
        checkName(name);
        IdentityFiles files = new IdentityFiles(dir);
        if (files.exist()) {
            Identity identity = files.load();
            LOG.infof("Loaded identity %s (%s) from %s", identity.fingerprint, identity.name(), dir);
            return identity;
        }
        Identity identity = generate(name);
        files.store(identity);
        LOG.infof("Created identity %s (%s) in %s", identity.fingerprint, name, dir);
        return identity;
    }

    /** Generates a new identity in memory only (tests, ephemeral peers). */
    public static Identity generate(String name) {
        checkName(name);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(CURVE), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            return new Identity(selfSign(name, pair), pair.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot generate an EC " + CURVE + " identity", e);
        }
    }

    private static X509Certificate selfSign(String name, KeyPair pair)
            throws GeneralSecurityException, OperatorCreationException, CertIOException {
        X500Name subject =
                new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).build();
        byte[] serial = new byte[16];
        new SecureRandom().nextBytes(serial);
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                        subject,
                        new BigInteger(1, serial),
                        Date.from(now.minus(BACKDATE)),
                        Date.from(NEVER),
                        subject,
                        pair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(pair.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("expected a device name of 1.." + MAX_NAME_LENGTH
                    + " non-blank characters but was " + name.length() + " characters");
        }
    }

    /** The SHA-256 of this identity's public key: what peers pin. */
    public Fingerprint fingerprint() {
        return fingerprint;
    }

    /** The self-signed certificate carrying the public key. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The private key. Never log it. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The certificate's subject, e.g. {@code CN=gateway-1}. */
    public String name() {
        return certificate.getSubjectX500Principal().getName();
    }

    @Override
    public String toString() {
        return "Identity[" + name() + ", " + fingerprint + "]";
    }
}
