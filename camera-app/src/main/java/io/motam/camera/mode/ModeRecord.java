package io.motam.camera.mode;

import io.motam.domain.CameraMode;
import java.util.Objects;

/**
 * What the camera keeps of its mode across restarts (see {@link ModeStore}).
 *
 * @param mode           the mode it was in
 * @param beforeStop     the mode a resume returns to (only meaningful while STOPPED)
 * @param alerts         the alert count
 * @param releaseEpoch   the highest release epoch the gateway has shown this camera
 * @param blockedAtEpoch the release epoch known when the camera blocked, {@link #UNKNOWN} when
 *                       that was lost (then only a RELEASE command lifts the block, never a WELCOME)
 */
public record ModeRecord(CameraMode mode, CameraMode beforeStop, int alerts, long releaseEpoch, long blockedAtEpoch) {
    /** The block's epoch is not known. */
    public static final long UNKNOWN = -1;

    public ModeRecord {
        Objects.requireNonNull(mode, "mode");
        if (alerts < 0 || releaseEpoch < 0 || blockedAtEpoch < UNKNOWN) {
            throw new IllegalArgumentException("bad mode record: alerts=" + alerts + " releaseEpoch=" + releaseEpoch
                    + " blockedAtEpoch=" + blockedAtEpoch);
        }
    }

    /** Whether a restart must come back to this mode rather than start afresh in NORMAL. */
    boolean holdsAcrossRestart() {
        return mode == CameraMode.ALERT
                || mode == CameraMode.BLOCKED
                || (mode == CameraMode.STOPPED && (beforeStop == CameraMode.ALERT || beforeStop == CameraMode.BLOCKED));
    }
}
