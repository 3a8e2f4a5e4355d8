package io.motam.camera.tracking;

import io.motam.domain.PresenceState;
import io.motam.domain.Verdict;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns the tracked faces of each processed frame into presence changes of the authorised
 * subject (a face whose track was recognised as KNOWN). Rules, per frame:
 * <pre>
 *   2+ faces                     -> UNREADABLE "N faces"       (after the debounce)
 *   1 face, recognised KNOWN     -> PRESENT, or OUT_OF_ZONE when its centre is outside the zone
 *                                                             (after the debounce)
 *   1 face, not yet recognised   -> no change (it may be the subject; the pipeline checks new tracks)
 *   1 face, recognised UNKNOWN   -> ABSENT once the subject has not been seen for absent-after
 *   no face                      -> UNREADABLE "no face" after unreadable-after, if the subject was
 *                                   PRESENT or OUT_OF_ZONE; ABSENT after absent-after
 * </pre>
 * A change is reported once, when the state differs from the last reported one. Not thread-safe.
 */
public final class PresenceMonitor {

    /** A presence change to report. */
    public record Change(PresenceState state, long trackId, int faces, String detail) {
        public Change {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(detail, "detail");
        }
    }

    private final PresenceSettings settings;
    private boolean started;
    private long lastSubjectAt;
    private PresenceState reported;
    private PresenceState pending;
    private long pendingSince;

    public PresenceMonitor(PresenceSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Observes one processed frame.
     *
     * @param visible the tracks of the faces in this frame
     * @return a change to report, or empty
     */
    public Optional<Change> observe(long at, int frameWidth, int frameHeight, List<FaceTrack> visible) {
        if (!started) {
            started = true;
            lastSubjectAt = at;
        }
        Change candidate = null;
        boolean debounced = true;
        if (visible.size() >= 2) {
            lastSubjectAt = at; // the subject may be among them
            candidate = new Change(PresenceState.UNREADABLE, 0, visible.size(), visible.size() + " faces in view");
        } else if (visible.size() == 1) {
            FaceTrack t = visible.get(0);
            Optional<Verdict> who = t.identity();
            if (who.isEmpty() || who.get() == Verdict.KNOWN) {
                lastSubjectAt = at;
            }
            if (who.isPresent() && who.get() == Verdict.KNOWN) {
                boolean inZone = settings.zone().contains(t.box(), frameWidth, frameHeight);
                candidate = new Change(
                        inZone ? PresenceState.PRESENT : PresenceState.OUT_OF_ZONE,
                        t.id(),
                        1,
                        inZone ? "subject in place" : "subject outside the zone");
            } else if (who.isPresent() && at - lastSubjectAt >= settings.absentAfterMicros()) {
                candidate = absent(at, 1, "; another face in view");
                debounced = false;
            }
        } else {
            long gap = at - lastSubjectAt;
            if (gap >= settings.absentAfterMicros()) {
                candidate = absent(at, 0, "");
                debounced = false;
            } else if (gap >= settings.unreadableAfterMicros()
                    && (reported == PresenceState.PRESENT || reported == PresenceState.OUT_OF_ZONE)) {
                candidate = new Change(PresenceState.UNREADABLE, 0, 0, "no face for " + seconds(gap));
                debounced = false;
            }
        }
        if (candidate == null || candidate.state() == reported) {
            pending = null;
            return Optional.empty();
        }
        if (candidate.state() != pending) {
            pending = candidate.state();
            pendingSince = at;
        }
        if (debounced && at - pendingSince < settings.debounceMicros()) {
            return Optional.empty();
        }
        reported = candidate.state();
        pending = null;
        return Optional.of(candidate);
    }

    /** The last reported state, if any. */
    public Optional<PresenceState> reported() {
        return Optional.ofNullable(reported);
    }

    /** Forgets timing (after a pause); the next frame starts the clocks again. Keeps the last report. */
    public void restart() {
        started = false;
        pending = null;
    }

    private Change absent(long at, int faces, String more) {
        return new Change(PresenceState.ABSENT, 0, faces, "subject not seen for " + seconds(at - lastSubjectAt) + more);
    }

    private static String seconds(long micros) {
        return String.format(java.util.Locale.ROOT, "%.1f s", micros / 1e6);
    }
}
