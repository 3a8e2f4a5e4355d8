package io.motam.camera.pipeline;

import io.motam.camera.evidence.SnapshotWriter;
import io.motam.camera.mode.CameraController;
import io.motam.camera.mode.Decision;
import io.motam.camera.recognition.Recogniser;
import io.motam.camera.recognition.Sighting;
import io.motam.camera.tracking.FaceTrack;
import io.motam.camera.tracking.FaceTracker;
import io.motam.camera.tracking.PresenceMonitor;
import io.motam.camera.vision.detect.FaceBox;
import io.motam.camera.vision.detect.FaceFinder;
import io.motam.camera.vision.source.CapturedFrame;
import io.motam.domain.CameraMode;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The camera after enrolment, one processed frame at a time:
 * <pre>
 *   detect faces -> track them (ids) -> presence rules -> Presence events
 *        \-> when a check is due (NORMAL/ALERT): one face? recognise it : NO_FACE / SEVERAL_FACES
 *              -> controller (agreement, mode machine, events) -> snapshot at configured alert counts
 * </pre>
 * A check is due every {@code check-interval} in NORMAL, every {@code alert-check-interval} in
 * ALERT or while a verdict awaits agreement, and at once for a new face track in NORMAL. Nothing is
 * checked while BLOCKED (tracking and presence go on); nothing at all while STOPPED.
 * Not thread-safe: the vision thread owns it.
 */
public final class Watch {
    private static final Logger LOG = Logger.getLogger(Watch.class);

    private final WatchSettings settings;
    private final FaceFinder finder;
    private final Recogniser recogniser;
    private final FaceTracker tracker;
    private final PresenceMonitor presence;
    private final CameraController controller;
    private final Optional<SnapshotWriter> snapshots;
    private final Clock clock;
    private long nextCheck = Long.MIN_VALUE;
    private boolean idle = true;
    private int checks;

    public Watch(
            WatchSettings settings,
            FaceFinder finder,
            Recogniser recogniser,
            FaceTracker tracker,
            PresenceMonitor presence,
            CameraController controller,
            Optional<SnapshotWriter> snapshots,
            Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.finder = Objects.requireNonNull(finder, "finder");
        this.recogniser = Objects.requireNonNull(recogniser, "recogniser");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.presence = Objects.requireNonNull(presence, "presence");
        this.controller = Objects.requireNonNull(controller, "controller");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Processes one frame (not kept).
     *
     * @return the check made on this frame, if one was due
     */
    public Optional<Sighting> process(CapturedFrame frame) {
        CameraMode mode = controller.mode();
        if (mode == CameraMode.STOPPED || mode == CameraMode.ENROLLING) {
            idle = true;
            return Optional.empty();
        }
        long at = frame.timestampMicros();
        if (idle) { // first frame, or back from a stop: fresh tracks, check at once
            idle = false;
            tracker.reset();
            presence.restart();
            nextCheck = at;
        }
        List<FaceBox> faces = finder.detect(frame.bgr());
        FaceTracker.Update update = tracker.update(faces, at, frame.width(), frame.height());
        presence.observe(at, frame.width(), frame.height(), update.visible()).ifPresent(controller::presence);
        if (mode == CameraMode.BLOCKED) {
            return Optional.empty();
        }
        boolean newcomer = settings.checkNewTracks()
                && mode == CameraMode.NORMAL
                && faces.size() == 1
                && update.started().contains(update.visible().get(0));
        if (at < nextCheck && !newcomer) {
            return Optional.empty();
        }
        Sighting s = faces.size() == 1
                ? recogniser.identify(frame.bgr(), faces.get(0))
                : Sighting.unreadable(faces.size(), recogniser.threshold());
        if (s.isFace()) {
            FaceTrack track = update.visible().get(0);
            track.identify(s.verdict());
        }
        checks++;
        Decision d = controller.recognised(s);
        d.snapshot().ifPresent(reason -> snapshot(frame, reason));
        long interval = d.mode() == CameraMode.ALERT || d.pending()
                ? settings.alertCheckIntervalMicros()
                : settings.checkIntervalMicros();
        nextCheck = at + interval;
        return Optional.of(s);
    }

    /** Checks made so far. */
    public int checks() {
        return checks;
    }

    private void snapshot(CapturedFrame frame, String reason) {
        if (snapshots.isEmpty()) {
            return;
        }
        try {
            snapshots.get().write(frame.bgr(), clock.instant(), reason);
        } catch (IOException | RuntimeException e) {
            LOG.errorf("snapshot %s could not be written: %s", reason, e.getMessage());
        }
    }
}
