package io.motam.gateway.state;

import io.motam.domain.CameraMode;
import io.motam.domain.SystemState;
import java.time.Instant;
import java.util.Objects;

/**
 * What the gateway knows of one camera: the state the operator and the camera's block decide for
 * it ({@code RUNNING}, {@code STOPPED}, {@code BLOCKED}), its link, its last reported mode and
 * alert count, and how many releases were authorised for it (its release epoch). Immutable.
 */
public record CameraStatus(
        String id,
        SystemState state,
        boolean connected,
        CameraMode mode,
        int alertCount,
        Instant lastSeen,
        long releaseEpoch) {

    public CameraStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        if (alertCount < 0 || releaseEpoch < 0) {
            throw new IllegalArgumentException("expected a non-negative alert count and release epoch but was "
                    + alertCount + " and " + releaseEpoch);
        }
    }

    /** A camera heard of for the first time: running, or stopped while the operator stopped all. */
    static CameraStatus first(String id, boolean stoppedAll) {
        return new CameraStatus(id, stoppedAll ? SystemState.STOPPED : SystemState.RUNNING, false, null, 0, null, 0);
    }

    /** Whether stop and resume of this camera need the release code: it is, or was, alarmed. */
    public boolean alarmed() {
        return state == SystemState.BLOCKED || mode == CameraMode.ALERT || mode == CameraMode.BLOCKED || alertCount > 0;
    }

    CameraStatus withState(SystemState s) {
        return new CameraStatus(id, s, connected, mode, alertCount, lastSeen, releaseEpoch);
    }

    CameraStatus withLink(boolean isConnected, Instant now) {
        return new CameraStatus(id, state, isConnected, mode, alertCount, isConnected ? now : lastSeen, releaseEpoch);
    }

    CameraStatus withMode(CameraMode m, int alerts, Instant now) {
        return new CameraStatus(id, state, connected, m, alerts, now, releaseEpoch);
    }

    /** Released: running, mode NORMAL with no alerts, one more release epoch. */
    CameraStatus released() {
        return new CameraStatus(id, SystemState.RUNNING, connected, CameraMode.NORMAL, 0, lastSeen, releaseEpoch + 1);
    }
}
