package io.motam.camera.pipeline;

import io.motam.camera.evidence.SnapshotWriter;
import io.motam.camera.mode.CameraController;
import io.motam.camera.pairing.FramePairing;
import io.motam.camera.recognition.FaceEngine;
import io.motam.camera.recognition.ModelBackup;
import io.motam.camera.recognition.Recogniser;
import io.motam.camera.tracking.FaceTracker;
import io.motam.camera.tracking.PresenceMonitor;
import io.motam.camera.vision.source.CapturedFrame;
import io.motam.domain.CameraMode;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What the camera does with each frame, by {@link PipelinePhase} (forward only):
 * <ol>
 *   <li>{@code PAIRING}: while no gateway is paired, frames are scanned for its QR code ({@link FramePairing});</li>
 *   <li>{@code ENROLLING}: the subject's samples are collected ({@link Enrolment}) while the camera
 *       mode is ENROLLING; when complete, the engine learns them (merged with a restored model), the
 *       threshold is set, the model is saved and the recogniser is made with that threshold;</li>
 *   <li>{@code WATCHING}: tracking, presence, checks and snapshots ({@link Watch}).</li>
 * </ol>
 * Built once at start by {@link VisionFactory#pipeline}: every part but the recogniser, whose
 * threshold is the enrolment's result. Closing it drops unlearnt faces, saves the model when
 * enrolled and frees the native vision objects. Not thread-safe: the vision thread owns it; the
 * phase may be read from any thread.
 */
public final class Pipeline implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Pipeline.class);

    /**
     * How the recogniser judges and learns.
     *
     * @param threshold       a configured threshold, or empty to calibrate it from the enrolment
     * @param reinforceEvery  known faces per model update
     * @param reinforceMargin fraction of the threshold under which a known face teaches
     */
    public record RecogniserSettings(Optional<Double> threshold, int reinforceEvery, double reinforceMargin) {
        public RecogniserSettings {
            Objects.requireNonNull(threshold, "threshold");
        }
    }

    /** The watch phase's parts, built at start. */
    public record WatchParts(
            WatchSettings settings,
            FaceTracker tracker,
            PresenceMonitor presence,
            Optional<SnapshotWriter> snapshots,
            Clock clock) {
        public WatchParts {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(tracker, "tracker");
            Objects.requireNonNull(presence, "presence");
            Objects.requireNonNull(snapshots, "snapshots");
            Objects.requireNonNull(clock, "clock");
        }
    }

    private final VisionFactory.Vision vision;
    private final ModelBackup backup;
    private final Optional<FramePairing> pairing;
    private final Enrolment enrolment;
    private final RecogniserSettings recogniserSettings;
    private final WatchParts watchParts;
    private final CameraController controller;
    private volatile PipelinePhase phase;
    private Recogniser recogniser;
    private Watch watch;

    /**
     * @param vision  finder and engine, closed with this pipeline
     * @param pairing the QR scan, present when the camera starts unpaired and scans for its gateway
     */
    public Pipeline(
            VisionFactory.Vision vision,
            ModelBackup backup,
            Optional<FramePairing> pairing,
            Enrolment enrolment,
            RecogniserSettings recogniserSettings,
            WatchParts watchParts,
            CameraController controller) {
        this.vision = Objects.requireNonNull(vision, "vision");
        this.backup = Objects.requireNonNull(backup, "backup");
        this.pairing = Objects.requireNonNull(pairing, "pairing");
        this.enrolment = Objects.requireNonNull(enrolment, "enrolment");
        this.recogniserSettings = Objects.requireNonNull(recogniserSettings, "recogniserSettings");
        this.watchParts = Objects.requireNonNull(watchParts, "watchParts");
        this.controller = Objects.requireNonNull(controller, "controller");
        this.phase = pairing.isPresent() ? PipelinePhase.PAIRING : PipelinePhase.ENROLLING;
    }

    public PipelinePhase phase() {
        return phase;
    }

    /** The engine, to restore a saved model into before the first frame. */
    public FaceEngine engine() {
        return vision.engine();
    }

    /** Finder and engine, for logs. */
    public String describe() {
        return vision.finder().describe() + ", " + vision.engine().describe();
    }

    /** Processes one frame (not kept) in the current phase. */
    public void process(CapturedFrame frame) {
        switch (phase) {
            case PAIRING -> {
                FramePairing scan = pairing.orElseThrow();
                if (!scan.offer(frame)) {
                    LOG.infof(
                            "paired with a gateway; enrolment starts (%d frames scanned for a QR code)", scan.scans());
                    advance(PipelinePhase.PAIRING);
                }
            }
            case ENROLLING -> {
                if (controller.mode() == CameraMode.ENROLLING && enrolment.offer(frame)) {
                    startWatching();
                }
            }
            case WATCHING -> watch.process(frame);
        }
    }

    private void startWatching() {
        int samples = enrolment.collected();
        double threshold = enrolment.finish(recogniserSettings.threshold());
        recogniser = new Recogniser(
                vision.engine(),
                threshold,
                recogniserSettings.reinforceEvery(),
                recogniserSettings.reinforceMargin(),
                backup);
        controller.enrolled(samples, threshold);
        backup.saveNow(vision.engine());
        watch = new Watch(
                watchParts.settings(),
                vision.finder(),
                recogniser,
                watchParts.tracker(),
                watchParts.presence(),
                controller,
                watchParts.snapshots(),
                watchParts.clock());
        advance(PipelinePhase.ENROLLING);
    }

    /** Moves from {@code expected} to the next phase. */
    private void advance(PipelinePhase expected) {
        if (phase != expected) {
            throw new IllegalStateException("expected phase " + expected + " but was " + phase);
        }
        phase = expected.next()
                .orElseThrow(() -> new IllegalStateException("expected a phase after " + expected + " but was none"));
    }

    @Override
    public void close() {
        try {
            if (recogniser != null) {
                recogniser.close();
                backup.flush(vision.engine());
            }
        } finally {
            try {
                enrolment.close();
            } finally {
                vision.close();
            }
        }
    }
}
