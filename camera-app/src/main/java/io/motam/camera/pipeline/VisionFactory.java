package io.motam.camera.pipeline;

import io.motam.camera.config.CameraConfig;
import io.motam.camera.config.RecognitionConfig;
import io.motam.camera.recognition.FaceEngine;
import io.motam.camera.recognition.LbphEngine;
import io.motam.camera.recognition.SfaceEngine;
import io.motam.camera.tracking.PresenceSettings;
import io.motam.camera.tracking.TrackerSettings;
import io.motam.camera.tracking.Zone;
import io.motam.camera.vision.CalibrationSettings;
import io.motam.camera.vision.CascadeKind;
import io.motam.camera.vision.FaceDetector;
import io.motam.camera.vision.FaceDetectorSettings;
import io.motam.camera.vision.FaceFinder;
import io.motam.camera.vision.FrameSourceOptions;
import io.motam.camera.vision.LbphSettings;
import io.motam.camera.vision.SfaceModel;
import io.motam.camera.vision.VisionModelException;
import io.motam.camera.vision.YuNetFaceFinder;
import java.util.Locale;

/**
 * Turns the configuration into the vision objects. Every bad value fails here, at start, with an
 * {@link IllegalArgumentException} naming the key, or a {@link VisionModelException} naming the
 * model file.
 */
public final class VisionFactory {
    private VisionFactory() {
    }

    /** The cascade named by {@code motam.recognition.cascade}. */
    public static CascadeKind cascade(String name) {
        try {
            return CascadeKind.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected motam.recognition.cascade lbp or haar but was \"" + name + "\"");
        }
    }

    public static FaceDetectorSettings detectorSettings(RecognitionConfig r) {
        return new FaceDetectorSettings(r.minFaceSize(), r.maxFaceSize(), FaceDetectorSettings.DEFAULT_SCALE_FACTOR,
                FaceDetectorSettings.DEFAULT_MIN_NEIGHBORS, r.detectWidth());
    }

    /** YuNet when {@code yunet-model} is set, else the configured cascade. */
    public static FaceFinder finder(RecognitionConfig r) throws VisionModelException {
        FaceDetectorSettings settings = detectorSettings(r);
        if (r.yunetModel().isPresent()) {
            return YuNetFaceFinder.load(r.yunetModel().get(), (float) r.yunetScore(), settings.minFaceSize(),
                    settings.maxWidth());
        }
        return FaceDetector.load(cascade(r.cascade()), settings);
    }

    /** SFace when {@code sface-model} is set (it needs YuNet's landmarks), else LBPH. */
    public static FaceEngine engine(RecognitionConfig r, FaceFinder finder) throws VisionModelException {
        if (r.maxSamples() < r.enrolSamples()) {
            throw new IllegalArgumentException("expected motam.recognition.max-samples (" + r.maxSamples()
                    + ") >= motam.recognition.enrol-samples (" + r.enrolSamples() + ")");
        }
        if (r.sfaceModel().isPresent()) {
            if (!(finder instanceof YuNetFaceFinder yunet)) {
                throw new IllegalArgumentException(
                        "motam.recognition.sface-model needs motam.recognition.yunet-model (SFace aligns faces by"
                                + " YuNet's landmarks)");
            }
            if (!(r.sfaceMinCosine() > -1 && r.sfaceMinCosine() < 1)) {
                throw new IllegalArgumentException("expected motam.recognition.sface-min-cosine in (-1, 1) but was "
                        + r.sfaceMinCosine());
            }
            return new SfaceEngine(yunet, SfaceModel.load(r.sfaceModel().get()), r.maxSamples(), r.sfaceMinCosine());
        }
        return new LbphEngine(LbphSettings.defaults().withMaxSamples(r.maxSamples()),
                new CalibrationSettings(r.calibrationK(), r.calibrationFloor(), r.calibrationCeiling()));
    }

    public static FrameSourceOptions sourceOptions(CameraConfig c) {
        return new FrameSourceOptions(c.folderInterval(), c.deviceWidth(), c.deviceHeight(), c.deviceFps());
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
            return new PresenceSettings(zone, micros(c.presenceDebounce()), micros(c.unreadableAfter()),
                    micros(c.absentAfter()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("motam.camera.presence-debounce / unreadable-after / absent-after: "
                    + e.getMessage(), e);
        }
    }

    public static WatchSettings watchSettings(CameraConfig c) {
        return new WatchSettings(micros(c.checkInterval()), micros(c.alertCheckInterval()), c.checkNewTracks());
    }

    static long micros(java.time.Duration d) {
        return d.toNanos() / 1_000;
    }
}
