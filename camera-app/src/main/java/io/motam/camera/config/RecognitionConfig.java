package io.motam.camera.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** {@code motam.recognition.*}: detection, enrolment and the known/unknown decision. */
@ConfigMapping(prefix = "motam.recognition")
public interface RecognitionConfig {

    /** Face cascade: {@code lbp} (fast, default) or {@code haar}. */
    @WithDefault("lbp")
    String cascade();

    /**
     * Smallest face searched for, in pixels of the working image ({@link #detectWidth()} wide at
     * most): 40 at 320 is a face of 80 px in a 640x480 frame, an eighth of its width.
     */
    @WithDefault("40")
    int minFaceSize();

    /** One-face samples taken at every start before recognition begins. */
    @WithDefault("50")
    int enrolSamples();

    /**
     * Minimum media time between two enrolment samples, so that they differ (500 ms: 50 samples
     * take 25 s; 200 ms samples of the first 10 s accepted the owner later in only 90 % of frames).
     */
    @WithDefault("500ms")
    Duration enrolInterval();

    /**
     * Distance above which a face is unknown (LBPH chi-square, or 1 - cosine for the embedding
     * engine). When absent it is calibrated from the enrolment samples (see docs/camera.md).
     */
    Optional<Double> threshold();

    /** Known faces gathered before they are added to the model in one update (as the original retrained every 10). */
    @WithDefault("10")
    int reinforceEvery();

    /** Most samples the model keeps; beyond it the oldest are dropped, so memory and time stay flat. */
    @WithDefault("200")
    int maxSamples();

    /** Largest face searched for, in pixels of the working image; 0 for no limit. */
    @WithDefault("0")
    int maxFaceSize();

    /**
     * Frames wider than this are downscaled before detection (boxes are scaled back, samples are
     * cut from the full frame). 320 keeps detection near 10 ms per 640x480 frame on one x86 core.
     */
    @WithDefault("320")
    int detectWidth();

    /**
     * Consecutive sightings (checks of one face) with the same verdict before it changes the mode:
     * 1 acts on every sighting; 2 (default) enters ALERT at a stranger's second sighting.
     */
    @WithDefault("2")
    int agreement();

    /**
     * A known face teaches the model only when its distance is at most this fraction of the
     * threshold. 0.85 was chosen for LBPH on franck.mp4 before the sets were split and is not
     * re-tuned for the embedding engine (0.34 at its usual threshold 0.40; on the tuning set the
     * owner's worst frame of his other recording was 0.265, so nearly every owner check teaches).
     */
    @WithDefault("0.85")
    double reinforceMargin();

    /** LBPH calibration: threshold = clamp(mean + k * sd) of the held-out enrolment distances. */
    @WithDefault("4.0")
    double calibrationK();

    /** Calibration: lowest threshold. */
    @WithDefault("90")
    double calibrationFloor();

    /** Calibration: highest threshold. */
    @WithDefault("130")
    double calibrationCeiling();

    /**
     * A saved model (e.g. restored from the gateway's backup) merged with the enrolment at start,
     * when the file exists. Unset: every start learns from its enrolment alone.
     */
    Optional<Path> modelFile();

    /**
     * At start, ask the gateway (protocol version 3) for the last model it backed up for this
     * camera; it is saved to {@code <data-dir>/restored/} and merged with the enrolment like
     * {@link #modelFile()} (and used instead of it when it arrives).
     */
    @WithDefault("true")
    boolean restore();

    /**
     * How long enrolment waits at most for the gateway's answer to the restore request; short,
     * so that a camera whose gateway is away is not held up. Not waited for while unpaired.
     */
    @WithDefault("3s")
    Duration restoreWait();

    /** Least time between two model saves after reinforcement (also saved after enrolment and at shutdown). */
    @WithDefault("10m")
    Duration backupInterval();

    /**
     * The one setting that chooses the engine: {@code embedding} (deep face vectors:
     * fr_detect/fr_landmark/fr_feature ONNX files in {@link #modelDir()}) or {@code lbph} (texture
     * histograms, no model files). The install sets {@code embedding} when it installs the model
     * files. With {@code embedding}, a bad or missing model file is logged as an error naming it
     * and the camera runs LBPH until the file is fixed.
     */
    @WithDefault("lbph")
    String engine();

    /** Folder of the embedding engine's ONNX files (see docs/camera.md, "Installing the face models"). */
    @WithDefault("/opt/motam/models/faceplugin")
    Path modelDir();

    /**
     * Face detector: {@code onnx} (fr_detect.onnx from {@link #modelDir()}) or {@code cascade}
     * ({@link #cascade()}). Unset: onnx with the embedding engine, the cascade with LBPH (whose
     * sample crop was tuned on cascade boxes).
     */
    Optional<String> detector();

    /** ONNX detector: least face score (the model publisher's 0.65). */
    @WithDefault("0.65")
    double detectorScore();

    /**
     * Embedding engine: threshold = clamp(mean + k * sd) of held-out enrolment distances (1 - cosine).
     * k, floor and ceiling were chosen on the tuning set ({@link io.motam.camera.recognition.embedding.EmbeddingCalibration}).
     */
    @WithDefault("5.0")
    double embeddingCalibrationK();

    /** Embedding engine: lowest threshold (distance 0.40 = cosine 0.60). */
    @WithDefault("0.40")
    double embeddingCalibrationFloor();

    /** Embedding engine: highest threshold (distance 0.55 = cosine 0.45). */
    @WithDefault("0.55")
    double embeddingCalibrationCeiling();
}
