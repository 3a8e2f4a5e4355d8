package io.motam.demo.soak;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real mosquitto on a fixed loopback port with a config file written here, restartable on the
 * same port. Persistence is on ({@code <dir>/mosquitto.db}, saved when it stops), so a
 * persistent subscriber's session and its queued QoS 1 messages survive a restart, as on a
 * broker installed from the distribution.
 */
final class Broker implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/mosquitto");

    private final Path dir;
    private final int port;
    private Process process;

    Broker(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    int port() {
        return port;
    }

    Broker start() throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IOException("mosquitto is not installed at " + BINARY + " (apt-get install mosquitto)");
        }
        Files.createDirectories(dir);
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(
                conf,
                String.join(
                        "\n",
                        "listener " + port + " 127.0.0.1",
                        "allow_anonymous true",
                        "persistence true",
                        "persistence_location " + dir + "/",
                        "autosave_interval 0",
                        "log_dest stderr",
                        "log_type error",
                        "log_type warning",
                        ""));
        // started as root, mosquitto drops to user mosquitto: its folder must be open to it
        dir.toFile().setReadable(true, false);
        dir.toFile().setWritable(true, false);
        dir.toFile().setExecutable(true, false);
        conf.toFile().setReadable(true, false);
        process = new ProcessBuilder(BINARY.toString(), "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("mosquitto.log").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
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
        throw new IOException("mosquitto did not open port " + port + " within 15 s");
    }

    /** Stops it as a service manager does (SIGTERM: it saves its sessions and exits). */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    void restart() throws IOException, InterruptedException {
        stop();
        start();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
