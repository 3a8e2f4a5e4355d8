package io.motam.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** The settings the demo and the end-to-end tests start the two apps with. */
public final class Launch {
    private Launch() {
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public static Map<String, String> gateway(String gatewayId, Path dataDir, int linkPort, String mqttHost, int mqttPort)
            throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("motam.link.transport", "tcp");
        p.put("motam.http.port", Integer.toString(freePort()));
        p.put("motam.gateway.id", gatewayId);
        p.put("motam.data-dir", dataDir.toString());
        p.put("motam.link.tcp.port", Integer.toString(linkPort));
        p.put("motam.mqtt.host", mqttHost);
        p.put("motam.mqtt.port", Integer.toString(mqttPort));
        return p;
    }

    public static Map<String, String> camera(String cameraId, Path dataDir, Path gatewayDataDir, String source,
            double speed) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("motam.camera.id", cameraId);
        p.put("motam.link.transport", "tcp");
        p.put("motam.data-dir", dataDir.toString());
        p.put("motam.camera.source", source);
        p.put("motam.camera.playback-speed", Double.toString(speed));
        p.put("motam.pairing.offer-file", gatewayDataDir.resolve("pairing/offer.txt").toString());
        return p;
    }

    /**
     * A {@code motam.gateway.release.code-hash} value for {@code code}, made by the packaged
     * gateway's own {@code hash-release-code} command (it reads the code from standard input when
     * there is no console and exits without starting the gateway).
     */
    public static String releaseCodeHash(Path repo, String code) throws IOException, InterruptedException {
        Path jar = repo.resolve("gateway-app/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar + " is missing: build first with mvn -B package -DskipTests");
        }
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "hash-release-code").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write((code + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("hash-release-code failed (exit " + (p.isAlive() ? "none" : p.exitValue()) + ")");
        }
        String key = "motam.gateway.release.code-hash=";
        return out.lines().filter(l -> l.startsWith(key)).map(l -> l.substring(key.length())).findFirst()
                .orElseThrow(() -> new IOException("expected a line " + key + "... from hash-release-code but was none"));
    }
}
