package io.motam.gateway.mqtt;

import static org.awaitility.Awaitility.await;

import io.motam.gateway.state.SystemStateController;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With {@code motam.mqtt.discovery.enabled=false} on a real mosquitto, the gateway clears the
 * retained discovery configs an earlier run left (its device and each camera's) with empty
 * retained payloads, which is how Home Assistant removes a device.
 */
@QuarkusTest
@TestProfile(DiscoveryOffTest.Off.class)
class DiscoveryOffTest {
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    /** The MQTT test gateway with discovery switched off. */
    public static class Off extends MqttTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("motam.mqtt.discovery.enabled", "false");
        }
    }

    @Inject
    SystemStateController state;

    @Test
    void discoverySwitchedOff_retainedConfigsOfTheGatewayAndItsCameras_areCleared() throws Exception {
        String gatewayTopic = "homeassistant/device/motam_" + MosquittoResource.GATEWAY + "/config";
        String cameraTopic = "homeassistant/device/motam_" + MosquittoResource.GATEWAY + "/cam-off/config";
        try (MqttProbe setUp = new MqttProbe(
                MosquittoResource.broker().port(),
                MosquittoResource.OBSERVER,
                MosquittoResource.OBSERVER_PASSWORD,
                "discovery-off-setup",
                false,
                "homeassistant/device/#")) {
            // what a run with discovery on left behind
            setUp.publishRetained(gatewayTopic, "{\"device\":{\"identifiers\":[\"motam_gw-test\"]}}");
            setUp.publishRetained(cameraTopic, "{\"device\":{\"identifiers\":[\"motam_gw-test_cam-off\"]}}");
            await().atMost(PATIENCE)
                    .until(() -> setUp.lastText(cameraTopic).isPresent()
                            && setUp.lastText(gatewayTopic).isPresent());
            state.cameraLink("cam-off", true); // a camera the gateway knows

            await().atMost(PATIENCE)
                    .until(() -> setUp.last(gatewayTopic)
                                    .map(r -> r.bytes().length == 0)
                                    .orElse(false)
                            && setUp.last(cameraTopic)
                                    .map(r -> r.bytes().length == 0)
                                    .orElse(false));
        }
        try (MqttProbe late = new MqttProbe(
                MosquittoResource.broker().port(),
                MosquittoResource.OBSERVER,
                MosquittoResource.OBSERVER_PASSWORD,
                "discovery-off-late",
                false,
                "homeassistant/device/#")) {
            await("no retained discovery config is left")
                    .during(Duration.ofSeconds(1))
                    .atMost(PATIENCE)
                    .until(() -> late.on(gatewayTopic).isEmpty()
                            && late.on(cameraTopic).isEmpty());
        }
    }
}
