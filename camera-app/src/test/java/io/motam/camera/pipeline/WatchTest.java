package io.motam.camera.pipeline;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.camera.evidence.SnapshotWriter;
import io.motam.camera.mode.CameraController;
import io.motam.camera.mode.ModeSettings;
import io.motam.camera.mode.OutboxEvents;
import io.motam.camera.pairing.QrFrameScanner;
import io.motam.camera.recognition.FaceEngine;
import io.motam.camera.recognition.ModelBackup;
import io.motam.camera.recognition.Recogniser;
import io.motam.camera.recognition.Sighting;
import io.motam.camera.recognition.lbph.CalibrationSettings;
import io.motam.camera.recognition.lbph.LbphEngine;
import io.motam.camera.recognition.lbph.LbphSettings;
import io.motam.camera.tracking.FaceTracker;
import io.motam.camera.tracking.PresenceMonitor;
import io.motam.camera.tracking.PresenceSettings;
import io.motam.camera.tracking.TrackerSettings;
import io.motam.camera.vision.detect.CascadeKind;
import io.motam.camera.vision.detect.FaceBox;
import io.motam.camera.vision.detect.FaceDetector;
import io.motam.camera.vision.detect.FaceDetectorSettings;
import io.motam.camera.vision.detect.FaceFinder;
import io.motam.camera.vision.source.CapturedFrame;
import io.motam.domain.CameraMode;
import io.motam.domain.CommandKind;
import io.motam.domain.FileKind;
import io.motam.domain.Verdict;
import io.motam.protocol.delivery.Outbox;
import io.motam.protocol.message.Command;
import io.motam.protocol.message.Recognition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Watch} and {@link Enrolment} with scripted faces and distances: schedule, modes, snapshots, bad frames. */
class WatchTest {
    private static final long S = 1_000_000;

    @TempDir
    Path dir;

    private Outbox outbox;
    private CameraController controller;
    private final List<FaceBox> faces = new ArrayList<>();
    private double distance = 50;
    private final List<FileKind> dispatched = new ArrayList<>();

    /** Finds whatever {@link #faces} holds. */
    private final FaceFinder finder = new FaceFinder() {
        @Override
        public List<FaceBox> detect(Mat frame) {
            return List.copyOf(faces);
        }

        @Override
        public String describe() {
            return "scripted";
        }

        @Override
        public void close() {}
    };

    /** Distance is whatever {@link #distance} holds. */
    private final FaceEngine engine = new FaceEngine() {
        final List<Integer> sizes = new ArrayList<>();

        @Override
        public Mat sample(Mat frame, FaceBox box) {
            return new Mat(8, 8, CV_8UC1);
        }

        @Override
        public void enrol(List<Mat> samples) {
            sizes.add(samples.size());
        }

        @Override
        public void reinforce(List<Mat> samples) {
            sizes.add(samples.size());
        }

        @Override
        public double distance(Mat sample) {
            return distance;
        }

        @Override
        public double calibrate(List<Mat> samples) {
            return 100;
        }

        @Override
        public void restore(Path file) {}

        @Override
        public void save(Path file) throws IOException {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "model " + sizes);
        }

        @Override
        public String fileName() {
            return "fake.model";
        }

        @Override
        public int size() {
            return sizes.stream().mapToInt(Integer::intValue).sum();
        }

        @Override
        public String describe() {
            return "fake";
        }

        @Override
        public void close() {}
    };

    private Watch watch;
    private Recogniser recogniser;

    @BeforeEach
    void setUp() throws Exception {
        outbox = Outbox.open(dir.resolve("outbox"), 10_000);
        controller = new CameraController(
                outbox,
                new ModeSettings(12, 2, new TreeSet<>(Set.of(1, 4, 8))),
                io.motam.camera.mode.ModeStore.in(dir));
        controller.enrolled(50, 100);
        ModelBackup backup = new ModelBackup(dir.resolve("model"), (k, f) -> dispatched.add(k), Duration.ofHours(1));
        recogniser = new Recogniser(engine, 100, 2, 0.85, backup);
        watch = new Watch(
                new WatchSettings(9 * S, 3 * S, true),
                finder,
                recogniser,
                new FaceTracker(TrackerSettings.defaults()),
                new PresenceMonitor(PresenceSettings.defaults()),
                controller,
                Optional.of(new SnapshotWriter(dir.resolve("snapshots"), "cam", 80, 10, (k, f) -> dispatched.add(k))),
                Clock.systemUTC());
    }

    @AfterEach
    void tearDown() throws Exception {
        recogniser.close();
        outbox.close();
    }

    /** Plays frames every 200 ms from {@code from} to {@code to} seconds; returns the checks made. */
    private List<Sighting> play(double from, double to) {
        List<Sighting> checks = new ArrayList<>();
        for (long t = (long) (from * S); t < (long) (to * S); t += 200_000) {
            try (CapturedFrame f =
                    new CapturedFrame(new Mat(120, 160, CV_8UC3, new Scalar(90, 90, 90, 0)), t, "test")) {
                watch.process(f).ifPresent(checks::add);
            }
        }
        return checks;
    }

    @Test
    void normal_checksEveryCheckInterval_andANewTrackAtOnce() {
        faces.add(new FaceBox(40, 30, 50, 50));
        assertEquals(3, play(0, 20).size(), "first frame, then every 9 s");
        faces.set(0, new FaceBox(100, 60, 50, 50)); // someone else sits down: a new track
        List<Sighting> checks = play(20, 20.4);
        assertEquals(1, checks.size(), "the newcomer is checked at once");
    }

    @Test
    void stranger_isRecheckedQuickly_andAlertsAtTheSecondSighting_withASnapshot() throws Exception {
        faces.add(new FaceBox(40, 30, 50, 50));
        distance = 150;
        List<Sighting> checks = play(0, 3.2);
        assertEquals(2, checks.size(), "a pending unknown is re-checked after the alert interval, not 9 s");
        assertEquals(CameraMode.ALERT, controller.mode());
        try (var snaps = Files.list(dir.resolve("snapshots"))) {
            assertEquals(1, snaps.count());
        }
        assertTrue(dispatched.contains(FileKind.SNAPSHOT));
        play(3.2, 40);
        assertEquals(CameraMode.BLOCKED, controller.mode());
        int reported = OutboxEvents.of(outbox, Recognition.class).size();
        assertTrue(play(40, 60).isEmpty(), "no checks while blocked");
        assertEquals(reported, OutboxEvents.of(outbox, Recognition.class).size());
    }

    @Test
    void stopped_processesNothing_resumedChecksAtOnce() {
        faces.add(new FaceBox(40, 30, 50, 50));
        play(0, 1);
        controller.command(new Command(CommandKind.STOP, "s"));
        assertTrue(play(1, 30).isEmpty());
        controller.command(new Command(CommandKind.RESUME, "r"));
        assertEquals(1, play(30, 30.2).size());
    }

    @Test
    void severalOrNoFaces_areReportedButChangeNoMode() {
        faces.add(new FaceBox(10, 10, 40, 40));
        faces.add(new FaceBox(100, 10, 40, 40));
        distance = 150;
        Sighting s = play(0, 0.2).get(0);
        assertEquals(Verdict.SEVERAL_FACES, s.verdict());
        faces.clear();
        assertEquals(Verdict.NO_FACE, play(9, 9.2).get(0).verdict());
        assertEquals(CameraMode.NORMAL, controller.mode());
    }

    @Test
    void knownFaces_teachTheModel_andTheModelIsBackedUp() {
        faces.add(new FaceBox(40, 30, 50, 50));
        distance = 60; // under 0.85 x 100: teaches
        play(0, 20);
        assertEquals(2, recogniser.learnt());
        assertTrue(dispatched.contains(FileKind.MODEL));
        distance = 95; // known, but too close to the threshold to teach
        play(20, 60);
        assertEquals(2, recogniser.learnt());
    }

    @Test
    void oddOrTinyFrames_withTheRealDetector_areHandledWithoutFailing() throws Exception {
        try (FaceDetector real = FaceDetector.load(CascadeKind.LBP, FaceDetectorSettings.defaults());
                LbphEngine lbph = new LbphEngine(LbphSettings.defaults(), CalibrationSettings.defaults());
                Enrolment enrolment = new Enrolment(real, lbph, 4, 0)) {
            QrFrameScanner qr = new QrFrameScanner(0, 640);
            Watch realWatch = new Watch(
                    WatchSettings.defaults(),
                    real,
                    recogniser,
                    new FaceTracker(TrackerSettings.defaults()),
                    new PresenceMonitor(PresenceSettings.defaults()),
                    controller,
                    Optional.empty(),
                    Clock.systemUTC());
            int[][] sizes = {{1, 1}, {2, 3}, {641, 479}, {4001, 3}, {3, 2999}, {97, 61}};
            long t = 0;
            for (int[] size : sizes) {
                try (CapturedFrame f = new CapturedFrame(
                        new Mat(size[1], size[0], CV_8UC3, new Scalar(30, 60, 90, 0)), t += S, "odd")) {
                    assertFalse(enrolment.offer(f));
                    assertTrue(qr.scan(f.bgr(), f.timestampMicros()).isEmpty());
                    realWatch.process(f);
                }
            }
            assertEquals(sizes.length, enrolment.rejectedNoFace());
        }
    }
}
