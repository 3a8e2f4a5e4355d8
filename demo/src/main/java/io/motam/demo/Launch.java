package io.motam.demo;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
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
}
