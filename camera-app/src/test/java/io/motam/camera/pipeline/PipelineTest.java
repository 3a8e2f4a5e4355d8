package io.motam.camera.pipeline;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.camera.evidence.SnapshotWriter;
import io.motam.camera.mode.CameraController;
import io.motam.camera.mode.ModeSettings;
import io.motam.camera.mode.ModeStore;
import io.motam.camera.pairing.FramePairing;
import io.motam.camera.pairing.OfferInbox;
import io.motam.camera.pairing.QrFrameScanner;
import io.motam.camera.recognition.ModelBackup;
import io.motam.camera.recognition.lbph.CalibrationSettings;
import io.motam.camera.recognition.lbph.LbphEngine;
import io.motam.camera.recognition.lbph.LbphSettings;
import io.motam.camera.tracking.FaceTracker;
import io.motam.camera.tracking.PresenceMonitor;
import io.motam.camera.tracking.PresenceSettings;
import io.motam.camera.tracking.TrackerSettings;
import io.motam.camera.vision.detect.FaceBox;
import io.motam.camera.vision.detect.FaceFinder;
import io.motam.camera.vision.source.CapturedFrame;
import io.motam.domain.CameraMode;
import io.motam.domain.FileKind;
import io.motam.protocol.delivery.Outbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Pipeline} with the real LBPH engine, QR scanner, enrolment, tracker and snapshot writer on
 * noise frames; only where the face is comes from a script (one fixed box).
 */
class PipelineTest {
    private static final long FRAME_MICROS = 100_000;

    @TempDir
    Path dir;

    private Outbox outbox;
    private CameraController controller;
    private final AtomicBoolean paired = new AtomicBoolean();
    private final List<FileKind> dispatched = new ArrayList<>();
    private final Random random = new Random(14);
    private long at;

    private final FaceFinder oneFace = new FaceFinder() {
        @Override
        public List<FaceBox> detect(Mat frame) {
            return List.of(new FaceBox(40, 20, 80, 80));
        }

        @Override
        public String describe() {
            return "one scripted face";
        }

        @Override
        public void close() {}
    };

    @BeforeEach
    void setUp() throws Exception {
        outbox = Outbox.open(dir.resolve("outbox"), 10_000);
        controller = new CameraController(outbox, ModeSettings.defaults(), ModeStore.in(dir));
    }

    @AfterEach
    void tearDown() throws Exception {
        outbox.close();
    }

    private Pipeline pipeline(boolean scanForPairing) {
        VisionFactory.Vision vision = new VisionFactory.Vision(
                oneFace, new LbphEngine(LbphSettings.defaults(), CalibrationSettings.defaults()));
        Optional<FramePairing> scan = scanForPairing
                ? Optional.of(new FramePairing(
                        new QrFrameScanner(0, QrFrameScanner.DEFAULT_MAX_WIDTH), new OfferInbox(), paired::get))
                : Optional.empty();
        Pipeline.WatchParts parts = new Pipeline.WatchParts(
                WatchSettings.defaults(),
                new FaceTracker(TrackerSettings.defaults()),
                new PresenceMonitor(PresenceSettings.defaults()),
                Optional.of(new SnapshotWriter(dir.resolve("snapshots"), "cam", 80, 10, (k, f) -> dispatched.add(k))),
                Clock.systemUTC());
        return new Pipeline(
                vision,
                new ModelBackup(dir.resolve("model"), (k, f) -> dispatched.add(k), Duration.ofHours(1)),
                scan,
                new Enrolment(oneFace, vision.engine(), 4, 0),
                new Pipeline.RecogniserSettings(Optional.empty(), 10, 0.85),
                parts,
                controller);
    }

    private void feed(Pipeline pipeline, int frames) {
        for (int i = 0; i < frames; i++) {
            byte[] pixels = new byte[120 * 160 * 3];
            random.nextBytes(pixels);
            Mat bgr = new Mat(120, 160, CV_8UC3);
            bgr.data().put(pixels);
            try (CapturedFrame frame = new CapturedFrame(bgr, at, "noise")) {
                pipeline.process(frame);
            }
            at += FRAME_MICROS;
        }
    }

    @Test
    void process_movesFromPairingToEnrollingOnlyOncePaired_thenToWatchingAfterTheEnrolment() {
        try (Pipeline pipeline = pipeline(true)) {
            assertEquals(PipelinePhase.PAIRING, pipeline.phase());
            feed(pipeline, 3);
            assertEquals(PipelinePhase.PAIRING, pipeline.phase(), "no gateway paired yet");
            assertEquals(CameraMode.ENROLLING, controller.mode());

            paired.set(true);
            feed(pipeline, 1);
            assertEquals(PipelinePhase.ENROLLING, pipeline.phase());
            feed(pipeline, 3);
            assertEquals(PipelinePhase.ENROLLING, pipeline.phase(), "3 of 4 samples");
            feed(pipeline, 1);
            assertEquals(PipelinePhase.WATCHING, pipeline.phase());
            assertEquals(CameraMode.NORMAL, controller.mode(), "enrolled");
            assertTrue(Files.exists(dir.resolve("model/lbph-model.yml.gz")), "the model is saved after enrolment");
            assertEquals(List.of(FileKind.MODEL), dispatched);

            feed(pipeline, 5);
            assertEquals(PipelinePhase.WATCHING, pipeline.phase(), "watching lasts");
        }
    }

    @Test
    void pipelineWithoutAPairingScan_startsEnrolling_andClosingBeforeEnrolmentSavesNoModel() {
        try (Pipeline pipeline = pipeline(false)) {
            assertEquals(PipelinePhase.ENROLLING, pipeline.phase());
            feed(pipeline, 2);
        }
        assertEquals(List.of(), dispatched);
        assertTrue(!Files.exists(dir.resolve("model/lbph-model.yml.gz")));
    }
}
