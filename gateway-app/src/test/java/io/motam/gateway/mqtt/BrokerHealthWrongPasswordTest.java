package io.motam.gateway.mqtt;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.motam.gateway.testing.Http;
import io.motam.testing.Mosquitto;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gateway against a real mosquitto that requires a password, configured with a wrong one:
 * the TCP port opens, but readiness says DOWN on "broker" with the broker's reason.
 */
@QuarkusTest
@TestProfile(BrokerHealthWrongPasswordTest.Profile.class)
class BrokerHealthWrongPasswordTest {
    @Inject
    MqttBridge bridge;

    @Test
    void readiness_brokerRefusesThePassword_downWithTheReason() throws Exception {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> bridge.brokerProblem().orElse("").contains("refused"));
        HttpResponse<String> ready = Http.get("/q/health/ready");
        assertEquals(503, ready.statusCode(), ready.body());
        JsonNode broker = null;
        for (JsonNode c : new ObjectMapper().readTree(ready.body()).get("checks")) {
            if (c.get("name").asText().equals("broker")) {
                broker = c;
            }
        }
        assertEquals("DOWN", broker.get("status").asText(), ready.body());
        assertTrue(BrokerRefusalTest.REFUSALS.contains(broker.at("/data/error").asText()), ready.body());
        assertFalse(ready.body().contains(Broker.WRONG), "no password in health output");
        assertTrue(bridge.lastError().isPresent());
    }

    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Broker.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    /** mosquitto with user gw-refused / right-secret; the gateway is given another password. */
    public static class Broker implements QuarkusTestResourceLifecycleManager {
        static final String WRONG = "wrong-secret-123";
        private Mosquitto broker;

        @Override
        public Map<String, String> start() {
            try {
                Path dir = Path.of("target", "mosquitto", "refusal-" + System.nanoTime())
                        .toAbsolutePath();
                broker = new Mosquitto(dir.resolve("broker"))
                        .user("gw-refused", "right-secret")
                        .start();
                return Map.of(
                        "motam.gateway.id",
                        "gw-refused",
                        "motam.data-dir",
                        dir.resolve("gateway-data").toString(),
                        "motam.mqtt.host",
                        "127.0.0.1",
                        "motam.mqtt.port",
                        Integer.toString(broker.port()),
                        "motam.mqtt.username",
                        "gw-refused",
                        "motam.mqtt.password",
                        WRONG,
                        "motam.mqtt.reconnect.max",
                        "500ms",
                        "quarkus.http.test-port",
                        "0");
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
}
