package io.motam.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away CA with a broker certificate (SAN IP:127.0.0.1, DNS:localhost) and a client
 * certificate, made with the openssl CLI. RSA keys, PEM, PKCS#8 private keys.
 */
public final class TestPki {
    public final Path dir;
    public final Path caCert;
    public final Path serverCert;
    public final Path serverKey;
    public final Path clientCert;
    public final Path clientKey;

    private TestPki(Path dir) {
        this.dir = dir;
        this.caCert = dir.resolve("ca.pem");
        this.serverCert = dir.resolve("server.pem");
        this.serverKey = dir.resolve("server.key");
        this.clientCert = dir.resolve("client.pem");
        this.clientKey = dir.resolve("client.key");
    }

    public static TestPki create(Path dir, String clientName) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        TestPki p = new TestPki(dir);
        Path caKey = dir.resolve("ca.key");
        openssl(
                dir,
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                caKey.toString(),
                "-out",
                p.caCert.toString(),
                "-days",
                "2",
                "-subj",
                "/CN=motam-test-ca",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign");
        p.issue(
                caKey,
                "localhost",
                "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n",
                p.serverKey,
                p.serverCert);
        p.issue(caKey, clientName, "extendedKeyUsage=clientAuth\n", p.clientKey, p.clientCert);
        // the broker drops root to user mosquitto: it must read its files
        try (var files = Files.list(dir)) {
            files.forEach(f -> f.toFile().setReadable(true, false));
        }
        dir.toFile().setReadable(true, false);
        dir.toFile().setExecutable(true, false);
        return p;
    }

    private void issue(Path caKey, String cn, String extensions, Path key, Path cert)
            throws IOException, InterruptedException {
        Path csr = dir.resolve(cn + ".csr");
        Path ext = dir.resolve(cn + ".ext");
        Files.writeString(ext, extensions);
        openssl(
                dir,
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                key.toString(),
                "-out",
                csr.toString(),
                "-subj",
                "/CN=" + cn);
        openssl(
                dir,
                "x509",
                "-req",
                "-in",
                csr.toString(),
                "-CA",
                caCert.toString(),
                "-CAkey",
                caKey.toString(),
                "-CAcreateserial",
                "-out",
                cert.toString(),
                "-days",
                "2",
                "-extfile",
                ext.toString());
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Required.command("openssl", "openssl").toString());
        cmd.addAll(List.of(args));
        Path log = dir.resolve("openssl.log");
        Process p = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed: " + Files.readString(log));
        }
    }
}
