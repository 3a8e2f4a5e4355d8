package io.motam.camera.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.camera.config.CameraConfig;
import io.motam.camera.config.RecognitionConfig;
import io.motam.camera.config.TestConfig;
import io.motam.camera.mode.CameraController;
import io.motam.camera.mode.ModeSettings;
import io.motam.camera.pairing.OfferInbox;
import io.motam.camera.pairing.PairingStatus;
import io.motam.camera.uplink.RestoredModel;
import io.motam.camera.vision.FaceData;
import io.motam.camera.vision.FaceModelFiles;
import io.motam.camera.vision.Footage;
import io.motam.domain.CameraMode;
import io.motam.protocol.delivery.Outbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole vision thread ({@link CameraLoop}) against bad input: it must end in a clear idle
 * state naming the problem, or retry a device slowly, and never crash or spin.
 */
class CameraLoopBadInputTest {
    @TempDir
    Path dir;

    private CameraLoop loop;
    private Outbox outbox;

    private CameraLoop start(Map<String, String> camera, Map<String, String> recognition) throws Exception {
        outbox = Outbox.open(dir.resolve("outbox"), 1000);
        loop = new CameraLoop();
        Map<String, String> c = new HashMap<>(Map.of("playback-speed", "0", "qr-scan", "false"));
        c.putAll(camera);
        loop.camera = TestConfig.of(CameraConfig.class, c);
        Map<String, String> r =
                new HashMap<>(Map.of("model-dir", dir.resolve("no-models").toString()));
        r.putAll(recognition);
        loop.recognition = TestConfig.of(RecognitionConfig.class, r);
        loop.controller = new CameraController(outbox, ModeSettings.defaults(), io.motam.camera.mode.ModeStore.in(dir));
        loop.dispatch = (k, f) -> {};
        loop.inbox = new OfferInbox();
        loop.pairing = new PairingStatus(dir);
        loop.restoredModel = new RestoredModel(dir);
        loop.dataDir = dir;
        loop.start(null);
        return loop;
    }

    @AfterEach
    void stop() throws Exception {
        if (loop != null) {
            loop.stop(null);
            assertEquals("stopped", loop.status());
        }
        if (outbox != null) {
            outbox.close();
        }
    }

    private void awaitStatus(String prefix, String mentioning) {
        await().atMost(Duration.ofSeconds(20)).until(() -> loop.status().startsWith(prefix));
        assertTrue(loop.status().contains(mentioning), loop.status());
        assertEquals(CameraMode.ENROLLING, loop.controller.mode());
    }

    @Test
    void corruptVideo_idlesNamingTheFile() throws Exception {
        Path bad = Files.write(
                dir.resolve("broken.mp4"), "not a video at all".repeat(100).getBytes());
        start(Map.of("source", bad.toString()), Map.of());
        awaitStatus("idle: ", "broken.mp4");
    }

    @Test
    void emptyFolder_idlesNamingTheFolder() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty-folder"));
        start(Map.of("source", empty.toString()), Map.of());
        awaitStatus("idle: ", "empty-folder");
    }

    @Test
    void missingDevice_isRetriedWithABackoff_notSpun() throws Exception {
        start(Map.of("source", "device:/dev/motam-no-such-camera"), Map.of());
        awaitStatus("retrying: ", "/dev/motam-no-such-camera");
    }

    @Test
    void truncatedModelFile_fallsBackToLbph_andTheCameraStillEnrolsAndWatches() throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        for (FaceModelFiles.Pinned p : FaceModelFiles.ALL) {
            Files.copy(FaceData.models().resolve(p.name()), models.resolve(p.name()));
        }
        Files.write(
                models.resolve("fr_feature.onnx"),
                Arrays.copyOf(Files.readAllBytes(models.resolve("fr_feature.onnx")), 1000));
        start(
                Map.of("source", Footage.file(Footage.STRANGER_B).toString()),
                Map.of(
                        "model-dir",
                        models.toString(),
                        "engine",
                        "embedding",
                        "enrol-samples",
                        "4",
                        "enrol-interval",
                        "0ms"));
        await().atMost(Duration.ofSeconds(60)).until(() -> loop.status().startsWith("idle: "));
        assertEquals("idle: the frame source ended", loop.status());
        assertEquals(CameraMode.NORMAL, loop.controller.mode(), "enrolled with LBPH");
        assertTrue(Files.exists(dir.resolve("model/lbph-model.yml.gz")));
    }

    @Test
    void goodModelFiles_enrolAndWatchWithTheEmbeddingEngine_saveItsGallery_andMergeItAtTheNextStart() throws Exception {
        start(
                Map.of("source", Footage.file(Footage.STRANGER_B).toString()),
                Map.of(
                        "model-dir",
                        FaceData.models().toString(),
                        "engine",
                        "embedding",
                        "enrol-samples",
                        "4",
                        "enrol-interval",
                        "0ms"));
        await().atMost(Duration.ofSeconds(60)).until(() -> loop.status().startsWith("idle: "));
        assertEquals("idle: the frame source ended", loop.status());
        assertEquals(CameraMode.NORMAL, loop.controller.mode());
        Path gallery = dir.resolve("model/embedding-gallery.bin");
        long oneEnrolment = Files.size(gallery);
        assertTrue(oneEnrolment > 4 * 512 * 4, "gallery saved");

        Path kept = Files.copy(gallery, dir.resolve("kept-gallery.bin"));
        loop.stop(null);
        outbox.close();
        Files.delete(gallery);
        start(
                Map.of("source", Footage.file(Footage.STRANGER_B).toString()),
                Map.of(
                        "model-dir",
                        FaceData.models().toString(),
                        "engine",
                        "embedding",
                        "enrol-samples",
                        "4",
                        "enrol-interval",
                        "0ms",
                        "model-file",
                        kept.toString()));
        await().atMost(Duration.ofSeconds(60)).until(() -> loop.status().startsWith("idle: "));
        assertEquals(CameraMode.NORMAL, loop.controller.mode());
        assertEquals(
                oneEnrolment + 4 * (1 + 512 * 4),
                Files.size(gallery),
                "the restored gallery merged with the new enrolment");
    }

    @Test
    void badZoneSetting_idlesNamingTheKey() throws Exception {
        start(Map.of("source", Footage.file(Footage.STRANGER_B).toString(), "zone", "0.5,0,0.8,1"), Map.of());
        awaitStatus("idle: bad setting", "zone");
    }

    @Test
    void playlistWithACorruptMiddleItem_goesOnWithTheNextItem() throws Exception {
        Path bad = Files.write(dir.resolve("middle.mp4"), new byte[4096]);
        Path good = Footage.file(Footage.STRANGER_B);
        start(Map.of("source", good + "," + bad + "," + good), Map.of("enrol-samples", "4", "enrol-interval", "0ms"));
        await().atMost(Duration.ofSeconds(60)).until(() -> loop.status().startsWith("idle: "));
        assertEquals("idle: the frame source ended", loop.status());
        assertEquals(CameraMode.NORMAL, loop.controller.mode(), "enrolled on the good clip");
    }

    @Test
    void commandThatExits_isStartedAgainAfterABackoff_andTheLoopKeepsProgressing() throws Exception {
        String ffmpeg = io.motam.testing.Required.command("ffmpeg", "ffmpeg").toString();
        // each start appends a line, then 1 s of MJPEG on standard output, then the program exits
        Path starts = dir.resolve("starts.txt");
        Path script = dir.resolve("camera.sh");
        Files.writeString(
                script,
                "#!/bin/sh\necho started >> " + starts + "\nexec " + ffmpeg
                        + " -v error -f lavfi -i testsrc=size=160x120:rate=10:duration=1 -f mjpeg -\n");
        script.toFile().setExecutable(true);
        start(Map.of("source", "command:" + script, "playback-speed", "1"), Map.of());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Files.exists(starts) && Files.readAllLines(starts).size() >= 2);
        assertTrue(!loop.status().startsWith("idle"), loop.status());
        assertEquals(java.util.Optional.empty(), loop.stalled(Duration.ofSeconds(5)), "reading or waiting on purpose");
    }

    @Test
    void missingCommand_isRetriedWithABackoff() throws Exception {
        start(Map.of("source", "command:motam-no-such-camera-tool -o -"), Map.of());
        awaitStatus("retrying: ", "motam-no-such-camera-tool");
        assertEquals(java.util.Optional.empty(), loop.stalled(Duration.ofMillis(1)), "a backoff is a deliberate wait");
    }

    @Test
    void commandThatWritesNothing_isReportedAsStalled() throws Exception {
        // open() blocks reading the silent program's output until CommandSource's stall timeout
        start(Map.of("source", "command:sleep 30"), Map.of());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> loop.stalled(Duration.ofMillis(500)).isPresent());
        assertTrue(
                loop.stalled(Duration.ofMillis(500)).get().contains("made no progress for"),
                loop.stalled(Duration.ofMillis(500)).toString());
    }
}
