package io.motam.demo;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The settings the demo and the end-to-end tests start the two apps with. */
public final class Launch {
    private Launch() {}

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A random release code for one run (the gateway refuses to start without one). */
    public static String newReleaseCode() {
        return "demo-" + (100000 + new SecureRandom().nextInt(900000));
    }

    /**
     * The hash of {@code code} for {@code motam.gateway.release.code-hash}, made by the packaged
     * gateway's own {@code hash-release-code} command (the code goes in on standard input).
     */
    public static String releaseCodeHash(Path repo, String code) throws IOException, InterruptedException {
        Path jar = repo.resolve("gateway-app/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar + " is missing: build first with mvn -B package -DskipTests");
        }
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        jar.toString(),
                        "hash-release-code")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (var in = p.getOutputStream()) {
            in.write((code + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("hash-release-code failed: " + out);
        }
        String prefix = "motam.gateway.release.code-hash=";
        return out.lines()
                .filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length()))
                .findFirst()
                .orElseThrow(() -> new IOException("hash-release-code printed no hash: " + out));
    }

    public static Map<String, String> gateway(
            String gatewayId, Path dataDir, int linkPort, String mqttHost, int mqttPort, String releaseCodeHash)
            throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("motam.gateway.release.code-hash", releaseCodeHash);
        p.put("motam.link.transport", "tcp");
        p.put("motam.http.port", Integer.toString(freePort()));
        p.put("motam.gateway.id", gatewayId);
        p.put("motam.data-dir", dataDir.toString());
        p.put("motam.link.tcp.port", Integer.toString(linkPort));
        p.put("motam.mqtt.host", mqttHost);
        p.put("motam.mqtt.port", Integer.toString(mqttPort));
        return p;
    }

    public static Map<String, String> camera(
            String cameraId, Path dataDir, Path gatewayDataDir, String source, double speed) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("motam.camera.id", cameraId);
        p.put("motam.link.transport", "tcp");
        p.put("motam.data-dir", dataDir.toString());
        p.put("motam.camera.source", source);
        p.put("motam.camera.playback-speed", Double.toString(speed));
        p.put(
                "motam.pairing.offer-file",
                gatewayDataDir.resolve("pairing/offer.txt").toString());
        return p;
    }
}
