package io.motam.gateway.testing;

import io.motam.gateway.release.ReleaseCodeHash;
import io.motam.testing.Required;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * For the gateway's {@code @QuarkusTest}s: a real mosquitto on a free loopback port, a fresh data
 * folder, and a release code ({@value #RELEASE_CODE}) whose hash is in the config, with a short
 * lockout so the lockout test can wait it out. Without mosquitto the gateway runs with its broker
 * away (in CI that fails instead, see {@link Required}).
 */
public class GatewayTestResource implements QuarkusTestResourceLifecycleManager {
    public static final String RELEASE_CODE = "open-sesame-42";
    public static final int MAX_FAILURES = 3;
    public static final String LOCKOUT = "3s";

    private Process broker;

    /** A fresh hash of {@link #RELEASE_CODE}, for gateways the tests start (the packaged app needs one). */
    public static String releaseCodeHash() {
        return ReleaseCodeHash.create(RELEASE_CODE.toCharArray(), ReleaseCodeHash.MIN_ITERATIONS, new SecureRandom())
                .encode();
    }

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "gateway-it-");
            int port = freePort();
            Optional<Path> mosquitto = Required.find("mosquitto", "mosquitto");
            if (mosquitto.isPresent()) {
                Path conf = dir.resolve("mosquitto.conf");
                Files.writeString(
                        conf,
                        "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                                + "log_dest stderr\nlog_type error\n");
                dir.toFile().setReadable(true, false);
                dir.toFile().setExecutable(true, false);
                conf.toFile().setReadable(true, false);
                broker = new ProcessBuilder(mosquitto.get().toString(), "-c", conf.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("mosquitto.log").toFile())
                        .start();
                awaitPort(port);
            }
            String hash = releaseCodeHash();
            return Map.ofEntries(
                    Map.entry("motam.data-dir", dir.resolve("data").toString()),
                    Map.entry("motam.mqtt.host", "127.0.0.1"),
                    Map.entry("motam.mqtt.port", Integer.toString(port)),
                    Map.entry("motam.gateway.id", "gw-test"),
                    Map.entry("motam.gateway.release.code-hash", hash),
                    Map.entry("motam.gateway.release.max-failures", Integer.toString(MAX_FAILURES)),
                    Map.entry("motam.gateway.release.lockout", LOCKOUT),
                    Map.entry("motam.link.handshake-timeout", "3s"));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot prepare the gateway test", e);
        }
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.destroy();
            try {
                broker.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void awaitPort(int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!broker.isAlive()) {
                    throw new IOException("mosquitto exited");
                }
                TimeUnit.MILLISECONDS.sleep(50); // polling a port that is not open yet
            }
        }
        throw new IOException("mosquitto did not open port " + port);
    }
}
