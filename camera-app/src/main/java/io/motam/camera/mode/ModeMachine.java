package io.motam.camera.mode;

import io.motam.domain.CameraMode;
import java.util.Optional;

/**
 * The camera's mode machine, as in the original system, with its counts configurable.
 *
 * <pre>
 *  ENROLLING --enrolled--> NORMAL --unknown--> ALERT --unknown x (max-1)--> BLOCKED
 *                            ^                   |                              |
 *                            +------known--------+                              |
 *                            +------ release (gateway, epoch above the block's) +
 *  any mode but BLOCKED --stop (gateway)--> STOPPED --resume (gateway)--> the mode it left, same count
 * </pre>
 *
 * The sighting that enters ALERT is alert 1; the {@code maxAlerts}-th unknown sighting blocks.
 * A known face in NORMAL or an unknown one in ALERT below the limit changes nothing but the count.
 *
 * <p>Trust rule: only a release the gateway authorised after the block lifts it. The gateway
 * counts the releases it authorises for this camera (the release epoch, carried by WELCOME and
 * RELEASE from protocol 4); the machine remembers the epoch it knew when it blocked and takes a
 * release only with a higher one. Stop and resume keep the mode and the alert count; a blocked
 * camera is not stopped (blocked already holds everything). After a restart the machine comes
 * back from {@link #restore} to an ALERT, BLOCKED or stopped-while-alert state once enrolled.
 * Illegal triggers throw {@link IllegalTransitionException} ("expected X but was Y") and change
 * nothing. Not thread-safe: the owner serialises calls.
 */
public final class ModeMachine {
    private final int maxAlerts;
    private CameraMode mode = CameraMode.ENROLLING;
    private CameraMode beforeStop;
    private int alerts;
    private long releaseEpoch;
    private long blockedAtEpoch = ModeRecord.UNKNOWN;
    private ModeRecord restored;

    public ModeMachine(int maxAlerts) {
        if (maxAlerts < 1) {
            throw new IllegalArgumentException("maxAlerts must be >= 1 but was " + maxAlerts);
        }
        this.maxAlerts = maxAlerts;
    }

    public CameraMode mode() {
        return mode;
    }

    public int alerts() {
        return alerts;
    }

    /** What {@link ModeStore} keeps. */
    public ModeRecord record() {
        if (mode == CameraMode.ENROLLING && restored != null) {
            // not enrolled yet: what must come back is still the restored state (epochs updated)
            return new ModeRecord(
                    restored.mode(), restored.beforeStop(), restored.alerts(), releaseEpoch, blockedAtEpoch);
        }
        return new ModeRecord(mode, beforeStop, alerts, releaseEpoch, blockedAtEpoch);
    }

    /**
     * The state kept before a restart; only before enrolment. ALERT, BLOCKED and a stop taken in
     * ALERT or BLOCKED come back at {@link #enrolled}; the release epochs always do.
     */
    public void restore(ModeRecord r) {
        require(CameraMode.ENROLLING, "restore");
        releaseEpoch = r.releaseEpoch();
        blockedAtEpoch = r.blockedAtEpoch();
        restored = r.holdsAcrossRestart() ? r : null;
    }

    /** Enrolment finished: ENROLLING -> NORMAL, or back to the state a restart interrupted. */
    public Transition enrolled() {
        require(CameraMode.ENROLLING, "enrolled");
        ModeRecord r = restored;
        restored = null;
        if (r == null) {
            return go(CameraMode.NORMAL, 0, "enrolled");
        }
        if (r.mode() == CameraMode.STOPPED) {
            beforeStop = r.beforeStop();
        }
        return go(r.mode(), r.alerts(), "enrolled; restored " + r.mode() + " with " + r.alerts() + " alerts");
    }

    /** The authorised subject was recognised. ALERT -> NORMAL; nothing in NORMAL. */
    public Optional<Transition> known() {
        if (mode == CameraMode.NORMAL) {
            return Optional.empty();
        }
        require(CameraMode.ALERT, "known face");
        return Optional.of(go(CameraMode.NORMAL, 0, "authorised subject recognised"));
    }

    /** A face that is not the subject. NORMAL -> ALERT (alert 1); ALERT counts up; the limit blocks. */
    public Optional<Transition> unknown() {
        if (mode == CameraMode.NORMAL) {
            if (maxAlerts == 1) {
                return Optional.of(go(CameraMode.BLOCKED, 1, "unknown face 1 of 1"));
            }
            return Optional.of(go(CameraMode.ALERT, 1, "unknown face"));
        }
        require(CameraMode.ALERT, "unknown face");
        alerts++;
        if (alerts >= maxAlerts) {
            return Optional.of(go(CameraMode.BLOCKED, alerts, "unknown face " + alerts + " of " + maxAlerts));
        }
        return Optional.empty();
    }

    /** The gateway stopped the system: any mode but STOPPED and BLOCKED -> STOPPED, the count kept. */
    public Transition stop() {
        if (mode == CameraMode.STOPPED || mode == CameraMode.BLOCKED) {
            throw new IllegalTransitionException("expected any mode but STOPPED or BLOCKED for stop but was " + mode);
        }
        beforeStop = mode;
        return go(CameraMode.STOPPED, alerts, "stopped by the gateway");
    }

    /** The gateway resumed: STOPPED -> the mode it left, with the alert count it had. */
    public Transition resume() {
        require(CameraMode.STOPPED, "resume");
        CameraMode back = beforeStop;
        beforeStop = null;
        return go(back, alerts, "resumed by the gateway");
    }

    /**
     * The gateway released a block: BLOCKED -> NORMAL, only for an epoch above the block's.
     * {@code epoch} 0 comes from a gateway without epochs (protocol below 4): taken only from a
     * RELEASE command ({@code command}), never from a WELCOME.
     */
    public Transition release(long epoch, boolean command) {
        require(CameraMode.BLOCKED, "release");
        boolean epochs = epoch > 0;
        if (epochs && blockedAtEpoch != ModeRecord.UNKNOWN && epoch <= blockedAtEpoch) {
            throw new IllegalTransitionException(
                    "expected a release epoch above " + blockedAtEpoch + " (the block's) but was " + epoch);
        }
        if (!command && (!epochs || blockedAtEpoch == ModeRecord.UNKNOWN)) {
            throw new IllegalTransitionException(
                    "expected a RELEASE command for a block of unknown epoch but was a WELCOME");
        }
        releaseEpoch = Math.max(releaseEpoch, epoch);
        blockedAtEpoch = ModeRecord.UNKNOWN;
        return go(
                CameraMode.NORMAL,
                0,
                epochs ? "released by the gateway (epoch " + epoch + ")" : "released by the gateway");
    }

    /** The latest release epoch the gateway has shown. */
    public long releaseEpoch() {
        return releaseEpoch;
    }

    /**
     * A WELCOME showed the gateway's release epoch for this camera. Outside BLOCKED it is
     * remembered; while BLOCKED an epoch above the block's means a release authorised while the
     * camera was away, which the caller applies with {@link #release}.
     *
     * @return whether the epoch lifts the current block
     */
    public boolean epochShown(long epoch) {
        if (mode == CameraMode.BLOCKED) {
            return blockedAtEpoch != ModeRecord.UNKNOWN && epoch > blockedAtEpoch;
        }
        if (mode == CameraMode.ENROLLING
                && restored != null
                && restored.mode() == CameraMode.BLOCKED
                && blockedAtEpoch != ModeRecord.UNKNOWN
                && epoch > blockedAtEpoch) {
            restored = null; // released while this camera was down: enrolment ends in NORMAL
            blockedAtEpoch = ModeRecord.UNKNOWN;
        }
        releaseEpoch = Math.max(releaseEpoch, epoch);
        return false;
    }

    private void require(CameraMode expected, String trigger) {
        if (mode != expected) {
            throw new IllegalTransitionException("expected " + expected + " for " + trigger + " but was " + mode);
        }
    }

    private Transition go(CameraMode to, int alertCount, String reason) {
        Transition t = new Transition(mode, to, alertCount, reason);
        if (to == CameraMode.BLOCKED && mode != CameraMode.BLOCKED) {
            blockedAtEpoch = restoredBlockEpoch(mode);
        }
        mode = to;
        alerts = alertCount;
        return t;
    }

    private long restoredBlockEpoch(CameraMode from) {
        // a block restored at enrolment keeps the epoch it was taken at; a new block takes the latest known
        return from == CameraMode.ENROLLING ? blockedAtEpoch : releaseEpoch;
    }
}
