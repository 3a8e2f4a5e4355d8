package io.motam.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real mosquitto broker on free loopback ports, configured and started by the test: a plain
 * listener, optionally a TLS listener (client certificate required), a password file made with
 * {@code mosquitto_passwd -b}, an ACL file and persistence (so that a restart keeps retained
 * messages and persistent sessions). {@link #stop()} and {@link #start()} again reuse the ports.
 */
public final class Mosquitto implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final int tlsPort;
    private final Map<String, String> users = new LinkedHashMap<>();
    private String acl;
    private TestPki pki;
    private Process process;

    public Mosquitto(Path dir) throws IOException {
        this.dir = dir;
        this.port = freePort();
        this.tlsPort = freePort();
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public Mosquitto user(String name, String password) {
        users.put(name, password);
        return this;
    }

    /** ACL file content; without one, every authenticated user may do anything. */
    public Mosquitto acl(String content) {
        this.acl = content;
        return this;
    }

    public Mosquitto tls(TestPki pki) {
        this.pki = pki;
        return this;
    }

    public int port() {
        return port;
    }

    public int tlsPort() {
        return tlsPort;
    }

    public Path dir() {
        return dir;
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    public synchronized Mosquitto start() throws IOException, InterruptedException {
        Path binary = Required.command("mosquitto", "mosquitto");
        if (running()) {
            return this;
        }
        Files.createDirectories(dir.resolve("data"));
        Path conf = dir.resolve("mosquitto.conf");
        if (!Files.exists(conf)) {
            writeConfig(conf);
        }
        process = new ProcessBuilder(binary.toString(), "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("mosquitto.log").toFile()))
                .start();
        awaitPort(port);
        if (pki != null) {
            awaitPort(tlsPort);
        }
        return this;
    }

    private void writeConfig(Path conf) throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>(List.of(
                "per_listener_settings false",
                "persistence true",
                "persistence_location " + dir.resolve("data") + "/",
                "autosave_interval 3600",
                "max_queued_messages 200000",
                "log_dest stderr",
                "log_type error",
                "log_type warning",
                "log_type notice"));
        if (users.isEmpty()) {
            lines.add("allow_anonymous true");
        } else {
            Path passwd = Required.command("mosquitto_passwd", "mosquitto");
            Path pw = dir.resolve("passwd");
            Files.deleteIfExists(pw);
            Files.createFile(pw);
            for (Map.Entry<String, String> u : users.entrySet()) {
                run(passwd.toString(), "-b", pw.toString(), u.getKey(), u.getValue());
            }
            lines.add("allow_anonymous false");
            lines.add("password_file " + pw);
        }
        if (acl != null) {
            Path a = dir.resolve("acl");
            Files.writeString(a, acl);
            lines.add("acl_file " + a);
        }
        lines.add("listener " + port + " 127.0.0.1");
        if (pki != null) {
            lines.add("listener " + tlsPort + " 127.0.0.1");
            lines.add("cafile " + pki.caCert);
            lines.add("certfile " + pki.serverCert);
            lines.add("keyfile " + pki.serverKey);
            lines.add("require_certificate true");
        }
        lines.add("");
        Files.writeString(conf, String.join("\n", lines));
        // started as root, mosquitto drops to user mosquitto: it must read its files and write its data
        try (var files = Files.walk(dir)) {
            files.forEach(f -> {
                f.toFile().setReadable(true, false);
                if (Files.isDirectory(f)) {
                    f.toFile().setExecutable(true, false);
                }
            });
        }
        dir.resolve("data").toFile().setWritable(true, false);
    }

    private void awaitPort(int p) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", p)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("mosquitto exited: " + Files.readString(dir.resolve("mosquitto.log")));
                }
                TimeUnit.MILLISECONDS.sleep(20); // polling a port that is not open yet
            }
        }
        throw new IOException(
                "mosquitto did not open port " + p + ": " + Files.readString(dir.resolve("mosquitto.log")));
    }

    /** Stops like a service stop (SIGTERM): persistent sessions and retained messages are saved. */
    public synchronized void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }
}
