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
 *                            +------------------- release (gateway) ------------+
 *  any mode --stop (gateway)--> STOPPED --resume (gateway)--> the mode it left
 * </pre>
 *
 * The sighting that enters ALERT is alert 1; the {@code maxAlerts}-th unknown sighting blocks.
 * A known face in NORMAL or an unknown one in ALERT below the limit changes nothing but the count.
 * Resume never leaves BLOCKED: a stop/resume cannot be used to escape a block. Illegal triggers
 * throw {@link IllegalTransitionException} ("expected X but was Y") and change nothing.
 * Not thread-safe: the owner serialises calls.
 */
public final class ModeMachine {
    private final int maxAlerts;
    private CameraMode mode = CameraMode.ENROLLING;
    private CameraMode beforeStop;
    private int alerts;

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

    /** Enrolment finished: ENROLLING -> NORMAL. */
    public Transition enrolled() {
        require(CameraMode.ENROLLING, "enrolled");
        return go(CameraMode.NORMAL, 0, "enrolled");
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

    /** The gateway stopped the system: any mode but STOPPED -> STOPPED. */
    public Transition stop() {
        if (mode == CameraMode.STOPPED) {
            throw new IllegalTransitionException("expected any mode but STOPPED for stop but was STOPPED");
        }
        beforeStop = mode;
        return go(CameraMode.STOPPED, alerts, "stopped by the gateway");
    }

    /** The gateway resumed: STOPPED -> the mode it left (ALERT resumes as NORMAL with a fresh count). */
    public Transition resume() {
        require(CameraMode.STOPPED, "resume");
        CameraMode back = beforeStop == CameraMode.ALERT ? CameraMode.NORMAL : beforeStop;
        return go(back, back == CameraMode.BLOCKED ? alerts : 0, "resumed by the gateway");
    }

    /** The gateway released a block: BLOCKED -> NORMAL. */
    public Transition release() {
        require(CameraMode.BLOCKED, "release");
        return go(CameraMode.NORMAL, 0, "released by the gateway");
    }

    private void require(CameraMode expected, String trigger) {
        if (mode != expected) {
            throw new IllegalTransitionException("expected " + expected + " for " + trigger + " but was " + mode);
        }
    }

    private Transition go(CameraMode to, int alertCount, String reason) {
        Transition t = new Transition(mode, to, alertCount, reason);
        mode = to;
        alerts = alertCount;
        return t;
    }
}
