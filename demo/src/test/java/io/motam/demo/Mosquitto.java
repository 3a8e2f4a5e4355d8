package io.motam.demo;

import io.motam.testing.Required;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real mosquitto broker on a free loopback port, with its own config, started by the test. */
final class Mosquitto implements AutoCloseable {
    private final int port;
    private final Path dir;
    private Process process;

    Mosquitto(Path dir) throws IOException {
        this.dir = dir;
        this.port = Launch.freePort();
    }

    int port() {
        return port;
    }

    Mosquitto start() throws IOException, InterruptedException {
        Path binary = Required.command("mosquitto", "mosquitto");
        Files.createDirectories(dir);
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, String.join("\n",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence false",
                "log_dest stderr",
                "log_type error",
                "log_type warning",
                ""));
        dir.toFile().setReadable(true, false);
        conf.toFile().setReadable(true, false);
        process = new ProcessBuilder(binary.toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
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
