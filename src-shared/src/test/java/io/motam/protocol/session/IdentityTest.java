package io.motam.protocol.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.testing.Required;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityTest {

    @TempDir
    Path dir;

    @Test
    void loadOrCreate_calledTwice_returnsSameFingerprint() throws IOException {
        Identity created = Identity.loadOrCreate(dir, "gateway-1");
        Identity loaded = Identity.loadOrCreate(dir, "ignored-when-loading");

        assertEquals(created.fingerprint(), loaded.fingerprint());
        assertEquals(created.certificate(), loaded.certificate());
        assertEquals(created.privateKey(), loaded.privateKey());
    }

    @Test
    void loadOrCreate_newKeyFile_isOwnerReadWriteOnly() throws IOException {
        Identity.loadOrCreate(dir, "gateway-1");

        assertEquals(
                "rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(IdentityFiles.KEY_FILE))));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files are left behind");
        }
    }

    @Test
    void loadOrCreate_missingDirectory_isCreatedOwnerOnly() throws IOException {
        Path nested = dir.resolve("state/identity");
        Identity.loadOrCreate(nested, "camera-1");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(nested)));
    }

    @Test
    void loadOrCreate_newIdentity_isSelfSignedP256WithNameAndKeyUsage() throws Exception {
        Identity identity = Identity.loadOrCreate(dir, "camera-7");
        X509Certificate certificate = identity.certificate();

        certificate.verify(certificate.getPublicKey());
        assertEquals(3, certificate.getVersion());
        assertEquals("CN=camera-7", certificate.getSubjectX500Principal().getName());
        assertEquals(certificate.getSubjectX500Principal(), certificate.getIssuerX500Principal());
        assertEquals("SHA256withECDSA", certificate.getSigAlgName());
        assertEquals("EC", identity.privateKey().getAlgorithm());
        assertTrue(certificate.getKeyUsage()[0], "digitalSignature");
        assertEquals(-1, certificate.getBasicConstraints(), "not a CA");
        assertTrue(certificate.getNotAfter().toInstant().getEpochSecond() > 253_402_000_000L, "never expires");
        assertEquals(Fingerprint.of(certificate.getPublicKey()), identity.fingerprint());
    }

    @Test
    void loadOrCreate_storedFiles_areReadableByOpenSslWithSameFingerprint() throws Exception {
        Required.command("openssl", "openssl"); // the shell below finds it on the same PATH
        Identity identity = Identity.loadOrCreate(dir, "gateway-1");

        String fromCertificate = shell("openssl x509 -in identity.crt -pubkey -noout"
                + " | openssl pkey -pubin -outform DER | openssl dgst -sha256 -r");
        String fromKey = shell("openssl pkey -in identity.key -pubout -outform DER | openssl dgst -sha256 -r");

        assertEquals(identity.fingerprint().hex(), fromCertificate.split(" ")[0]);
        assertEquals(identity.fingerprint().hex(), fromKey.split(" ")[0]);
        assertTrue(
                Files.readString(dir.resolve(IdentityFiles.KEY_FILE)).startsWith("-----BEGIN PRIVATE KEY-----"),
                "PKCS#8, not the legacy EC PRIVATE KEY format");
    }

    @Test
    void loadOrCreate_corruptKeyFile_throwsIOExceptionNamingTheFile() throws IOException {
        Identity.loadOrCreate(dir, "gateway-1");
        Files.writeString(
                dir.resolve(IdentityFiles.KEY_FILE), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        IOException e = assertThrows(IOException.class, () -> Identity.loadOrCreate(dir, "gateway-1"));
        assertTrue(e.getMessage().contains(IdentityFiles.KEY_FILE), e.getMessage());
    }

    @Test
    void loadOrCreate_binaryJunkCertificate_throwsIOExceptionNamingTheFile() throws IOException {
        Identity.loadOrCreate(dir, "gateway-1");
        Files.write(dir.resolve(IdentityFiles.CERTIFICATE_FILE), new byte[] {(byte) 0xff, 0x00, (byte) 0xc3, 0x28});

        IOException e = assertThrows(IOException.class, () -> Identity.loadOrCreate(dir, "gateway-1"));
        assertTrue(e.getMessage().contains(IdentityFiles.CERTIFICATE_FILE), e.getMessage());
    }

    @Test
    void loadOrCreate_keyOfAnotherIdentity_throwsMismatch() throws IOException {
        Path other = dir.resolve("other");
        Identity.loadOrCreate(dir, "gateway-1");
        Identity.loadOrCreate(other, "gateway-2");
        Files.copy(
                other.resolve(IdentityFiles.KEY_FILE),
                dir.resolve(IdentityFiles.KEY_FILE),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        IOException e = assertThrows(IOException.class, () -> Identity.loadOrCreate(dir, "gateway-1"));
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
    }

    @Test
    void loadOrCreate_certificateMissing_refusesToReplaceTheKey() throws IOException {
        Identity.loadOrCreate(dir, "gateway-1");
        byte[] key = Files.readAllBytes(dir.resolve(IdentityFiles.KEY_FILE));
        Files.delete(dir.resolve(IdentityFiles.CERTIFICATE_FILE));

        IOException e = assertThrows(IOException.class, () -> Identity.loadOrCreate(dir, "gateway-1"));
        assertTrue(e.getMessage().contains(IdentityFiles.CERTIFICATE_FILE), e.getMessage());
        assertEquals(
                Base64.getEncoder().encodeToString(key),
                Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve(IdentityFiles.KEY_FILE))));
    }

    @Test
    void generate_twice_givesDifferentKeys() {
        assertNotEquals(
                Identity.generate("a").fingerprint(), Identity.generate("a").fingerprint());
    }

    @Test
    void generate_blankOrLongName_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> Identity.generate(" "));
        assertThrows(IllegalArgumentException.class, () -> Identity.generate("x".repeat(65)));
    }

    @Test
    void toString_showsNameAndFingerprintButNotTheKey() {
        Identity identity = Identity.generate("camera-1");
        String text = identity.toString();
        assertTrue(
                text.contains("camera-1")
                        && text.contains(identity.fingerprint().hex()),
                text);
        String keyBase64 =
                Base64.getEncoder().encodeToString(identity.privateKey().getEncoded());
        assertFalse(text.contains(keyBase64.substring(40, 60)));
    }

    private String shell(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("/bin/sh", "-c", command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
