package io.motam.camera.pipeline;

import io.motam.camera.config.CameraConfig;
import io.motam.camera.config.RecognitionConfig;
import io.motam.camera.evidence.FileDispatch;
import io.motam.camera.evidence.SnapshotWriter;
import io.motam.camera.mode.CameraController;
import io.motam.camera.pairing.FramePairing;
import io.motam.camera.pairing.OfferInbox;
import io.motam.camera.pairing.PairingStatus;
import io.motam.camera.pairing.QrFrameScanner;
import io.motam.camera.recognition.EngineKind;
import io.motam.camera.recognition.FaceEngine;
import io.motam.camera.recognition.ModelBackup;
import io.motam.camera.recognition.embedding.EmbeddingCalibration;
import io.motam.camera.recognition.embedding.EmbeddingEngine;
import io.motam.camera.recognition.embedding.FaceEmbedder;
import io.motam.camera.recognition.lbph.CalibrationSettings;
import io.motam.camera.recognition.lbph.LbphEngine;
import io.motam.camera.recognition.lbph.LbphSettings;
import io.motam.camera.tracking.FaceTracker;
import io.motam.camera.tracking.PresenceMonitor;
import io.motam.camera.tracking.PresenceSettings;
import io.motam.camera.tracking.TrackerSettings;
import io.motam.camera.tracking.Zone;
import io.motam.camera.vision.FaceModelFiles;
import io.motam.camera.vision.VisionModelException;
import io.motam.camera.vision.detect.CascadeKind;
import io.motam.camera.vision.detect.FaceDetector;
import io.motam.camera.vision.detect.FaceDetectorSettings;
import io.motam.camera.vision.detect.FaceFinder;
import io.motam.camera.vision.detect.OnnxFaceDetector;
import io.motam.camera.vision.source.FrameSourceSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Turns the configuration into the vision objects and the camera's {@link Pipeline}. Every bad value fails here, at start, with an
 * {@link IllegalArgumentException} naming the key, or a {@link VisionModelException} naming the
 * cascade; a bad face model file is logged as an error naming it and LBPH is taken instead.
 */
public final class VisionFactory {
    private static final Logger LOG = Logger.getLogger(VisionFactory.class);

    private VisionFactory() {}

    /** The cascade named by {@code motam.recognition.cascade}. */
    public static CascadeKind cascade(String name) {
        try {
            return CascadeKind.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "expected motam.recognition.cascade lbp or haar but was \"" + name + "\"");
        }
    }

    public static FaceDetectorSettings detectorSettings(RecognitionConfig r) {
        return new FaceDetectorSettings(
                r.minFaceSize(),
                r.maxFaceSize(),
                FaceDetectorSettings.DEFAULT_SCALE_FACTOR,
                FaceDetectorSettings.DEFAULT_MIN_NEIGHBORS,
                r.detectWidth());
    }

    /** The finder and engine the camera runs with; closing closes both. */
    public record Vision(FaceFinder finder, FaceEngine engine) implements AutoCloseable {
        @Override
        public void close() {
            try {
                engine.close();
            } finally {
                finder.close();
            }
        }
    }

    /**
     * Builds the detector and the engine named by {@code motam.recognition.engine}. The embedding
     * engine's files are checked (size, SHA-256, loadable, input and output shapes) and any fault is
     * logged as an error naming the file, with LBPH and the cascade taken instead.
     *
     * @throws IllegalArgumentException for a bad setting (names the key)
     * @throws VisionModelException when even the cascade cannot be loaded
     */
    public static Vision open(RecognitionConfig r) throws VisionModelException {
        if (r.maxSamples() < r.enrolSamples()) {
            throw new IllegalArgumentException("expected motam.recognition.max-samples (" + r.maxSamples()
                    + ") >= motam.recognition.enrol-samples (" + r.enrolSamples() + ")");
        }
        EngineKind kind = EngineKind.fromSetting(r.engine());
        Optional<Boolean> onnxDetector = r.detector()
                .map(name -> switch (name.strip().toLowerCase(Locale.ROOT)) {
                    case "onnx" -> true;
                    case "cascade" -> false;
                    default ->
                        throw new IllegalArgumentException(
                                "expected motam.recognition.detector onnx or cascade but was \"" + name + "\"");
                });
        CascadeKind cascade = cascade(r.cascade());
        EmbeddingCalibration calibration = embeddingCalibration(r);
        FaceModelFiles files = new FaceModelFiles(r.modelDir());
        if (kind == EngineKind.EMBEDDING) {
            try {
                files.verify();
                return embedding(r, files, onnxDetector.orElse(true), cascade, calibration);
            } catch (VisionModelException e) {
                LOG.errorf(
                        "embedding engine cannot start: %s; falling back to LBPH with the %s cascade (fix or"
                                + " reinstall the files in motam.recognition.model-dir and restart)",
                        e.getMessage(), cascade.name().toLowerCase(Locale.ROOT));
                onnxDetector = Optional.of(false);
            }
        }
        FaceFinder finder = lbphFinder(r, files, onnxDetector.orElse(false), cascade);
        return new Vision(
                finder,
                new LbphEngine(
                        LbphSettings.defaults().withMaxSamples(r.maxSamples()),
                        new CalibrationSettings(r.calibrationK(), r.calibrationFloor(), r.calibrationCeiling())));
    }

    /**
     * Builds the camera's pipeline once, at start: every setting is checked here (a bad one throws
     * {@link IllegalArgumentException} naming the key), then the detector and engine are opened
     * ({@link #open}), with the enrolment, model backup, tracker, presence monitor and snapshot
     * writer. The QR scan is included when {@code qr-scan} is on and no gateway is paired yet.
     *
     * @throws VisionModelException when even the cascade cannot be loaded
     */
    public static Pipeline pipeline(
            CameraConfig camera,
            RecognitionConfig recognition,
            CameraController controller,
            FileDispatch dispatch,
            OfferInbox inbox,
            PairingStatus pairing,
            Path dataDir)
            throws VisionModelException {
        Pipeline.WatchParts watchParts = new Pipeline.WatchParts(
                watchSettings(camera),
                new FaceTracker(trackerSettings(camera)),
                new PresenceMonitor(presenceSettings(camera)),
                Optional.of(new SnapshotWriter(
                        dataDir.resolve("snapshots"),
                        camera.id(),
                        camera.snapshotQuality(),
                        camera.snapshotKeep(),
                        dispatch)),
                Clock.systemUTC());
        Pipeline.RecogniserSettings recogniserSettings = new Pipeline.RecogniserSettings(
                recognition.threshold(), recognition.reinforceEvery(), recognition.reinforceMargin());
        Optional<FramePairing> scan = camera.qrScan() && !pairing.paired()
                ? Optional.of(new FramePairing(
                        new QrFrameScanner(micros(camera.qrScanInterval()), QrFrameScanner.DEFAULT_MAX_WIDTH),
                        inbox,
                        pairing::paired))
                : Optional.empty();
        Vision vision = open(recognition);
        try {
            Enrolment enrolment = new Enrolment(
                    vision.finder(), vision.engine(), recognition.enrolSamples(), micros(recognition.enrolInterval()));
            return new Pipeline(
                    vision,
                    new ModelBackup(dataDir.resolve("model"), dispatch, recognition.backupInterval()),
                    scan,
                    enrolment,
                    recogniserSettings,
                    watchParts,
                    controller);
        } catch (RuntimeException e) {
            vision.close();
            throw e;
        }
    }

    static EmbeddingCalibration embeddingCalibration(RecognitionConfig r) {
        try {
            return new EmbeddingCalibration(
                    r.embeddingCalibrationK(), r.embeddingCalibrationFloor(), r.embeddingCalibrationCeiling());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "motam.recognition.embedding-calibration-k / -floor / -ceiling: " + e.getMessage(), e);
        }
    }

    private static Vision embedding(
            RecognitionConfig r,
            FaceModelFiles files,
            boolean onnx,
            CascadeKind cascade,
            EmbeddingCalibration calibration)
            throws VisionModelException {
        FaceFinder finder = onnx ? onnxDetector(r, files) : FaceDetector.load(cascade, detectorSettings(r));
        try {
            FaceEmbedder embedder = FaceEmbedder.load(files.landmark(), files.feature());
            return new Vision(
                    finder,
                    new EmbeddingEngine(embedder, FaceModelFiles.FEATURE.sha256(), r.maxSamples(), calibration));
        } catch (VisionModelException | RuntimeException e) {
            finder.close();
            throw e;
        }
    }

    private static FaceFinder lbphFinder(RecognitionConfig r, FaceModelFiles files, boolean onnx, CascadeKind cascade)
            throws VisionModelException {
        if (onnx) {
            try {
                FaceModelFiles.verifyFile(files.detect(), FaceModelFiles.DETECT);
                return onnxDetector(r, files);
            } catch (VisionModelException e) {
                LOG.errorf(
                        "face detector cannot start: %s; falling back to the %s cascade",
                        e.getMessage(), cascade.name().toLowerCase(Locale.ROOT));
            }
        }
        return FaceDetector.load(cascade, detectorSettings(r));
    }

    private static OnnxFaceDetector onnxDetector(RecognitionConfig r, FaceModelFiles files)
            throws VisionModelException {
        if (!(r.detectorScore() > 0 && r.detectorScore() < 1)) {
            throw new IllegalArgumentException(
                    "expected motam.recognition.detector-score in (0, 1) but was " + r.detectorScore());
        }
        return OnnxFaceDetector.load(files.detect(), r.detectorScore(), r.minFaceSize(), r.maxFaceSize());
    }

    public static FrameSourceSettings sourceOptions(CameraConfig c) {
        return new FrameSourceSettings(c.folderInterval(), c.deviceWidth(), c.deviceHeight(), c.deviceFps());
    }

    public static TrackerSettings trackerSettings(CameraConfig c) {
        return new TrackerSettings(c.trackMinIou(), TrackerSettings.DEFAULT_MAX_SHIFT, micros(c.trackTimeout()));
    }

    public static PresenceSettings presenceSettings(CameraConfig c) {
        Zone zone;
        try {
            zone = Zone.parse(c.zone());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("motam.camera.zone: " + e.getMessage(), e);
        }
        try {
            return new PresenceSettings(
                    zone, micros(c.presenceDebounce()), micros(c.unreadableAfter()), micros(c.absentAfter()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "motam.camera.presence-debounce / unreadable-after / absent-after: " + e.getMessage(), e);
        }
    }

    public static WatchSettings watchSettings(CameraConfig c) {
        return new WatchSettings(micros(c.checkInterval()), micros(c.alertCheckInterval()), c.checkNewTracks());
    }

    static long micros(java.time.Duration d) {
        return d.toNanos() / 1_000;
    }
}
