package io.motam.gateway.mqtt;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.testing.Mosquitto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker ACL shipped in {@code deploy/mosquitto/acl}, loaded into a real mosquitto: a command
 * with the release code, sent by Home Assistant, reaches the gateway's user but no supervisor and
 * not Home Assistant itself; supervisors read results and may send commands.
 */
class DeployAclTest {
    private static final Path ACL = Path.of("..", "deploy", "mosquitto", "acl");

    @TempDir
    Path tmp;

    @Test
    void releaseCode_onCmdRelease_isReadableOnlyByTheGateway_resultsByEveryone() throws Exception {
        tmp.toFile().setExecutable(true, false); // mosquitto drops to its own user: it must reach its files
        try (Mosquitto broker = new Mosquitto(tmp.resolve("broker"))
                        .user("motam-gw1", "gw-pass")
                        .user("homeassistant", "ha-pass")
                        .user("supervisor", "sv-pass")
                        .acl(Files.readString(ACL))
                        .start();
                MqttProbe gateway = new MqttProbe(broker.port(), "motam-gw1", "gw-pass", "gw", false, "motam/gw1/#");
                MqttProbe supervisor = new MqttProbe(broker.port(), "supervisor", "sv-pass", "sv", false, "motam/#");
                MqttProbe ha = new MqttProbe(broker.port(), "homeassistant", "ha-pass", "ha", false, "motam/#")) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> gateway.connected() && supervisor.connected() && ha.connected());
            ha.publish("motam/gw1/cmd/release", "{\"id\":\"r1\",\"code\":\"secret-493817\"}");
            supervisor.publish("motam/gw1/cmd/stop", "{\"id\":\"s1\"}");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> gateway.any("motam/gw1/cmd/release", p -> p.contains("r1"))
                            && gateway.any("motam/gw1/cmd/stop", p -> p.contains("s1")));
            gateway.publish("motam/gw1/cmd/result", "{\"correlationId\":\"r1\",\"accepted\":true}");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> supervisor.any("motam/gw1/cmd/result", p -> p.contains("r1"))
                            && ha.any("motam/gw1/cmd/result", p -> p.contains("r1")));
            for (MqttProbe other : new MqttProbe[] {supervisor, ha}) {
                assertFalse(
                        other.all().stream()
                                .anyMatch(r -> r.topic().contains("/cmd/release")
                                        || r.topic().contains("/cmd/stop")),
                        "commands are write-only for " + other);
            }
            assertTrue(gateway.any("motam/gw1/cmd/release", p -> p.contains("secret-493817")));
        }
    }

    @Test
    void perCameraCommands_areWriteOnly_andTheGatewayMayPublishEachCamerasDiscovery() throws Exception {
        tmp.toFile().setExecutable(true, false);
        try (Mosquitto broker = new Mosquitto(tmp.resolve("broker"))
                        .user("motam-gw1", "gw-pass")
                        .user("homeassistant", "ha-pass")
                        .user("supervisor", "sv-pass")
                        .acl(Files.readString(ACL))
                        .start();
                MqttProbe gateway = new MqttProbe(broker.port(), "motam-gw1", "gw-pass", "gw", false, "motam/gw1/#");
                MqttProbe supervisor = new MqttProbe(broker.port(), "supervisor", "sv-pass", "sv", false, "motam/#");
                MqttProbe ha = new MqttProbe(broker.port(), "homeassistant", "ha-pass", "ha", false, "#")) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> gateway.connected() && supervisor.connected() && ha.connected());
            ha.publish("motam/gw1/camera/cam1/cmd/alarm", "{\"action\":\"DISARM\",\"code\":\"secret-493817\"}");
            supervisor.publish("motam/gw1/camera/cam1/cmd/release", "{\"id\":\"r2\",\"code\":\"secret-493817\"}");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> gateway.any("motam/gw1/camera/cam1/cmd/alarm", p -> p.contains("DISARM"))
                            && gateway.any("motam/gw1/camera/cam1/cmd/release", p -> p.contains("r2")));
            gateway.publish("motam/gw1/camera/cam1/state", "{\"camera\":\"cam1\"}");
            gateway.publishRetained("homeassistant/device/motam_gw1/cam1/config", "{\"device\":{}}");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> ha.any("homeassistant/device/motam_gw1/cam1/config", p -> true)
                            && supervisor.any("motam/gw1/camera/cam1/state", p -> true)
                            && ha.any("motam/gw1/camera/cam1/state", p -> true));
            for (MqttProbe other : new MqttProbe[] {supervisor, ha}) {
                assertFalse(
                        other.all().stream()
                                .anyMatch(r -> r.topic().contains("/cmd/")
                                        && !r.topic().endsWith("/cmd/result")),
                        "per-camera commands are write-only for " + other);
            }
        }
    }
}
