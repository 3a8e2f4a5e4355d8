package io.motam.gateway.mqtt;

import io.motam.testing.Mosquitto;
import io.motam.testing.TestPki;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts the test broker for {@code @QuarkusTest}s: a plain listener for the Paho probe (user
 * {@value #OBSERVER}) and a TLS listener with client certificates for the gateway (user
 * {@value #GATEWAY}), a password file and an ACL that gives the gateway exactly the topics the
 * fleet example in deploy/mosquitto grants. Points the gateway at it over TLS with a password.
 */
public class MosquittoResource implements QuarkusTestResourceLifecycleManager {
    static final String GATEWAY = "gw-test";
    static final String GATEWAY_PASSWORD = "gw-secret";
    static final String OBSERVER = "observer";
    static final String OBSERVER_PASSWORD = "observer-secret";
    static final String BASE = "motam/" + GATEWAY + "/";

    private static Mosquitto broker;

    static Mosquitto broker() {
        return broker;
    }

    @Override
    public Map<String, String> start() {
        try {
            Path dir =
                    Path.of("target", "mosquitto", "run-" + System.nanoTime()).toAbsolutePath();
            TestPki pki = TestPki.create(dir.resolve("pki"), GATEWAY);
            broker = new Mosquitto(dir.resolve("broker"))
                    .user(GATEWAY, GATEWAY_PASSWORD)
                    .user(OBSERVER, OBSERVER_PASSWORD)
                    .acl(String.join(
                            "\n",
                            "user " + GATEWAY,
                            "topic readwrite motam/" + GATEWAY + "/#",
                            "topic write homeassistant/device/motam_" + GATEWAY + "/config",
                            "topic write homeassistant/device/motam_" + GATEWAY + "/+/config",
                            "topic read homeassistant/status",
                            "user " + OBSERVER,
                            "topic readwrite #",
                            ""))
                    .tls(pki)
                    .start();
            Map<String, String> config = new HashMap<>();
            config.put("motam.gateway.id", GATEWAY);
            config.put("motam.data-dir", dir.resolve("gateway-data").toString());
            config.put("motam.mqtt.host", "127.0.0.1");
            config.put("motam.mqtt.port", Integer.toString(broker.tlsPort()));
            config.put("motam.mqtt.username", GATEWAY);
            config.put("motam.mqtt.password", GATEWAY_PASSWORD);
            config.put("motam.mqtt.tls.enabled", "true");
            config.put("motam.mqtt.tls.ca-file", pki.caCert.toString());
            config.put("motam.mqtt.tls.client-cert-file", pki.clientCert.toString());
            config.put("motam.mqtt.tls.client-key-file", pki.clientKey.toString());
            config.put("motam.mqtt.reconnect.max", "500ms");
            config.put("quarkus.http.test-port", "0");
            config.put("motam.mqtt.keep-alive", "2s");
            config.put("motam.mqtt.diagnostics-interval", "2s");
            // small segments so that the streams of the tests cross segment boundaries
            config.put("motam.journal.segment-size", "64K");
            config.put("motam.journal.max-size", "64M");
            return config;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test broker", e);
        }
    }

    @Override
    public void stop() {
        try {
            if (broker != null) {
                broker.stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
