package io.motam.protocol.session;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemObjectGenerator;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * The two PEM files of an {@link Identity}: {@value #KEY_FILE} (PKCS#8 {@code PRIVATE KEY},
 * unencrypted, {@code rw-------}) and {@value #CERTIFICATE_FILE} ({@code CERTIFICATE}).
 *
 * <p>PEM so that an operator can inspect them with {@code openssl x509 -in identity.crt -text}.
 * The key is written first, both through {@link SecretFile} (temporary file and atomic rename),
 * so a crash leaves either nothing, a key without certificate (reported loudly, never silently
 * replaced: the fingerprint may already be pinned by peers) or both. On load, the key must be a
 * P-256 EC key that signs for the certificate's public key.
 */
final class IdentityFiles {

    static final String KEY_FILE = "identity.key";
    static final String CERTIFICATE_FILE = "identity.crt";

    /** Both files are a few hundred bytes; anything far larger is not ours. */
    private static final long MAX_FILE_SIZE = 64 * 1024;

    private final Path keyFile;
    private final Path certificateFile;

    IdentityFiles(Path dir) {
        this.keyFile = dir.resolve(KEY_FILE);
        this.certificateFile = dir.resolve(CERTIFICATE_FILE);
    }

    /**
     * Whether an identity is stored.
     *
     * @throws IOException if exactly one of the two files exists
     */
    boolean exist() throws IOException {
        boolean key = Files.exists(keyFile);
        boolean certificate = Files.exists(certificateFile);
        if (key != certificate) {
            Path missing = key ? certificateFile : keyFile;
            Path present = key ? keyFile : certificateFile;
            throw new NoSuchFileException(
                    missing.toString(),
                    present.toString(),
                    "identity is incomplete: " + missing.getFileName() + " is missing but " + present.getFileName()
                            + " exists; restore it or remove both to create a new identity");
        }
        return key;
    }

    Identity load() throws IOException {
        X509Certificate certificate = readCertificate();
        PrivateKey key = readKey();
        checkPair(key, certificate);
        return new Identity(certificate, key);
    }

    void store(Identity identity) throws IOException {
        SecretFile.write(keyFile, pem(new JcaPKCS8Generator(identity.privateKey(), null)));
        try {
            SecretFile.write(certificateFile, pem(new JcaMiscPEMGenerator(identity.certificate())));
        } catch (IOException e) {
            Files.deleteIfExists(keyFile);
            throw e;
        }
    }

    private static byte[] pem(PemObjectGenerator generator) throws IOException {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(generator);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private X509Certificate readCertificate() throws IOException {
        Object object = readPem(certificateFile);
        if (!(object instanceof X509CertificateHolder holder)) {
            throw corrupt(certificateFile, "expected a PEM CERTIFICATE but was " + describe(object), null);
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw corrupt(certificateFile, "the certificate cannot be parsed", e);
        }
    }

    private PrivateKey readKey() throws IOException {
        Object object = readPem(keyFile);
        if (!(object instanceof PrivateKeyInfo info)) {
            throw corrupt(keyFile, "expected a PEM PRIVATE KEY (PKCS#8) but was " + describe(object), null);
        }
        try {
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (IOException | RuntimeException e) {
            throw corrupt(keyFile, "the private key cannot be parsed", e);
        }
    }

    private Object readPem(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_SIZE) {
            throw corrupt(file, "expected at most " + MAX_FILE_SIZE + " bytes but was " + size, null);
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            return parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw corrupt(file, "not valid PEM", e);
        }
    }

    private void checkPair(PrivateKey key, X509Certificate certificate) throws IOException {
        if (!(key instanceof ECPrivateKey ecKey)
                || ecKey.getParams().getCurve().getField().getFieldSize() != 256) {
            throw corrupt(keyFile, "expected an EC P-256 private key but was " + key.getAlgorithm(), null);
        }
        if (!(certificate.getPublicKey() instanceof ECPublicKey)) {
            throw corrupt(
                    certificateFile,
                    "expected an EC public key but was "
                            + certificate.getPublicKey().getAlgorithm(),
                    null);
        }
        try {
            byte[] probe = "motam-identity-check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(Identity.SIGNATURE_ALGORITHM);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(Identity.SIGNATURE_ALGORITHM);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw corrupt(
                        keyFile,
                        "the private key does not belong to the public key in " + certificateFile.getFileName(),
                        null);
            }
        } catch (GeneralSecurityException e) {
            throw corrupt(keyFile, "the private key cannot sign for " + certificateFile.getFileName(), e);
        }
    }

    private static String describe(Object object) {
        return object == null ? "no PEM object" : object.getClass().getSimpleName();
    }

    private static IOException corrupt(Path file, String detail, Throwable cause) {
        return new IOException("corrupt identity file " + file + ": " + detail, cause);
    }
}
