package io.motam.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.demo.Launch;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/mosquitto/mosquitto.conf} installed as documented: as a {@code conf.d} file below
 * Debian's packaged {@code /etc/mosquitto/mosquitto.conf} (copied with its paths moved into a
 * temporary folder), with the shipped ACL, a password file and a test CA. A real mosquitto must
 * start with both and open both listeners.
 */
class MosquittoDeployConfigTest {
    private static final Path REPO =
            Path.of(System.getProperty("motam.repo.dir", "..")).toAbsolutePath().normalize();
    private static final Path DEBIAN_CONF = Path.of("/etc/mosquitto/mosquitto.conf");
    private static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");

    @TempDir
    Path tmp;

    @Test
    void shippedConfD_belowDebiansMainConfig_brokerStartsWithBothListeners() throws Exception {
        Process broker = start(Files.readString(REPO.resolve("deploy/mosquitto/mosquitto.conf")));
        try {
            assertTrue(broker.isAlive(), log());
        } finally {
            broker.destroy();
            broker.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void confDRepeatingPersistenceLocation_belowDebiansMainConfig_brokerRefusesToStart() throws Exception {
        String conf = Files.readString(REPO.resolve("deploy/mosquitto/mosquitto.conf")) + "\npersistence_location "
                + tmp.resolve("data") + "/\n";
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(
                IOException.class, () -> start(conf).destroy());
        assertTrue(e.getMessage().contains("exited"), e.getMessage());
    }

    private int plain;
    private int tls;

    private Process start(String ours) throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        if (!Files.isReadable(DEBIAN_CONF) || !Files.isExecutable(MOSQUITTO)) {
            assertFalse(ci, "mosquitto (Debian package) is missing: .ci/run installs it");
            Assumptions.abort("mosquitto is not installed");
        }
        Path etc = Files.createDirectories(tmp.resolve("etc"));
        Path confD = Files.createDirectories(etc.resolve("conf.d"));
        Path motam = Files.createDirectories(etc.resolve("motam"));
        Files.createDirectories(tmp.resolve("run"));
        Files.createDirectories(tmp.resolve("data"));
        Files.createDirectories(tmp.resolve("log"));
        String main = Files.readString(DEBIAN_CONF)
                .replace("/run/mosquitto/", tmp.resolve("run") + "/")
                .replace("/var/lib/mosquitto/", tmp.resolve("data") + "/")
                .replace("/var/log/mosquitto/", tmp.resolve("log") + "/")
                .replace("/etc/mosquitto/conf.d", confD.toString());
        assertTrue(main.contains("include_dir " + confD), "Debian's mosquitto.conf no longer includes conf.d: " + main);
        Path mainConf = etc.resolve("mosquitto.conf");
        Files.writeString(mainConf, main);
        plain = Launch.freePort();
        tls = Launch.freePort();
        Files.writeString(
                confD.resolve("motam.conf"),
                ours.replace("/etc/mosquitto/motam/", motam + "/")
                        .replace("listener 1883 127.0.0.1", "listener " + plain + " 127.0.0.1")
                        .replace("listener 8883", "listener " + tls + " 127.0.0.1"));
        Files.copy(REPO.resolve("deploy/mosquitto/acl"), motam.resolve("acl"));
        run("mosquitto_passwd", "-c", "-b", motam.resolve("passwd").toString(), "motam-gw1", "secret-1");
        run(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                motam.resolve("ca.key").toString(),
                "-out",
                motam.resolve("ca.pem").toString(),
                "-days",
                "2",
                "-subj",
                "/CN=test-ca");
        run(
                "openssl",
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                motam.resolve("server.key").toString(),
                "-out",
                motam.resolve("server.csr").toString(),
                "-subj",
                "/CN=127.0.0.1");
        run(
                "openssl",
                "x509",
                "-req",
                "-in",
                motam.resolve("server.csr").toString(),
                "-CA",
                motam.resolve("ca.pem").toString(),
                "-CAkey",
                motam.resolve("ca.key").toString(),
                "-CAcreateserial",
                "-out",
                motam.resolve("server.pem").toString(),
                "-days",
                "2");
        try (Stream<Path> s = Files.walk(tmp)) { // started as root, mosquitto drops to user mosquitto
            s.forEach(f -> {
                f.toFile().setReadable(true, false);
                f.toFile().setExecutable(Files.isDirectory(f), false);
                if (Files.isDirectory(f)) {
                    f.toFile().setWritable(true, false);
                }
            });
        }
        Process p = new ProcessBuilder(MOSQUITTO.toString(), "-c", mainConf.toString())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("stdout.log").toFile())
                .start();
        for (int port : List.of(plain, tls)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    break;
                } catch (IOException notYet) {
                    if (!p.isAlive()) {
                        throw new IOException("mosquitto exited: " + log());
                    }
                    if (System.nanoTime() > deadline) {
                        p.destroy();
                        throw new IOException("mosquitto did not open port " + port + ": " + log());
                    }
                    TimeUnit.MILLISECONDS.sleep(20); // polling a port that is not open yet
                }
            }
        }
        return p;
    }

    private String log() throws IOException {
        StringBuilder b = new StringBuilder(Files.readString(tmp.resolve("stdout.log")));
        Path file = tmp.resolve("log/mosquitto.log");
        if (Files.exists(file)) {
            b.append(Files.readString(file));
        }
        return b.toString();
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }
}
