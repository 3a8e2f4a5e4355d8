package io.motam.demo;

import io.motam.testing.Required;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real mosquitto broker on a free loopback port, with its own config, started by the test;
 * anonymous unless users are added (then a password file made with {@code mosquitto_passwd -b}).
 */
final class Mosquitto implements AutoCloseable {
    private final int port;
    private final Path dir;
    private final java.util.Map<String, String> users = new java.util.LinkedHashMap<>();
    private Process process;

    Mosquitto(Path dir) throws IOException {
        this.dir = dir;
        this.port = Launch.freePort();
    }

    Mosquitto user(String name, String password) {
        users.put(name, password);
        return this;
    }

    int port() {
        return port;
    }

    Mosquitto start() throws IOException, InterruptedException {
        Path binary = Required.command("mosquitto", "mosquitto");
        Files.createDirectories(dir);
        Path conf = dir.resolve("mosquitto.conf");
        String auth = "allow_anonymous true";
        if (!users.isEmpty()) {
            Path pw = dir.resolve("passwd");
            Files.deleteIfExists(pw);
            Files.createFile(pw);
            for (var u : users.entrySet()) {
                Process p = new ProcessBuilder(
                                Required.command("mosquitto_passwd", "mosquitto")
                                        .toString(),
                                "-b",
                                pw.toString(),
                                u.getKey(),
                                u.getValue())
                        .redirectErrorStream(true)
                        .start();
                String out = new String(p.getInputStream().readAllBytes());
                if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IOException("mosquitto_passwd failed: " + out);
                }
            }
            pw.toFile().setReadable(true, false);
            auth = "allow_anonymous false\npassword_file " + pw;
        }
        Files.writeString(
                conf,
                String.join(
                        "\n",
                        "listener " + port + " 127.0.0.1",
                        auth,
                        "persistence false",
                        "log_dest stderr",
                        "log_type error",
                        "log_type warning",
                        ""));
        dir.toFile().setReadable(true, false);
        conf.toFile().setReadable(true, false);
        process = new ProcessBuilder(binary.toString(), "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return this;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("mosquitto exited: " + Files.readString(dir.resolve("mosquitto.log")));
                }
                TimeUnit.MILLISECONDS.sleep(50); // polling a port that is not open yet
            }
        }
        throw new IOException("mosquitto did not open port " + port);
    }

    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
