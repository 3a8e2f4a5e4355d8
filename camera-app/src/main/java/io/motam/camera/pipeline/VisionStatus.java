package io.motam.camera.pipeline;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the vision thread is doing, for operators, tests and the service watchdog: its
 * {@link VisionState} with the reason for {@code IDLE} or {@code RETRYING}, and when it last made
 * progress (read a frame or ended a deliberate wait). Moves are guarded: an illegal one throws
 * "expected ... but was ...". Once {@code STOPPED}, later moves are ignored: a stop wins over
 * whatever the vision thread was about to report. Thread-safe: the vision thread moves it, any
 * thread reads it.
 */
final class VisionStatus {
    private VisionState state = VisionState.STARTING;
    private String reason = "";
    /** When the vision thread last read a frame or finished a deliberate wait ({@link System#nanoTime()}). */
    private volatile long progressNanos = System.nanoTime();
    /** True while the vision thread waits on purpose (a backoff, an ended source, a restore). */
    private volatile boolean waiting;

    /**
     * Moves to {@code to}.
     *
     * @param reason why, for {@code IDLE} and {@code RETRYING} (shown after the state); else ignored
     * @return false when already {@code STOPPED} (nothing changes)
     * @throws IllegalStateException when the current state may not move to {@code to}
     */
    synchronized boolean moveTo(VisionState to, String reason) {
        Objects.requireNonNull(to, "to");
        if (state == VisionState.STOPPED) {
            return false;
        }
        if (!state.targets().contains(to)) {
            Set<VisionState> from = EnumSet.noneOf(VisionState.class);
            for (VisionState s : VisionState.values()) {
                if (s.targets().contains(to)) {
                    from.add(s);
                }
            }
            throw new IllegalStateException(
                    "expected the vision thread in one of " + from + " to become " + to + " but was " + state);
        }
        state = to;
        this.reason = Objects.requireNonNullElse(reason, "");
        return true;
    }

    synchronized VisionState state() {
        return state;
    }

    /**
     * The status line: {@code starting}, {@code restoring}, the pipeline phase while running
     * ({@code pairing}, {@code enrolling}, {@code watching}), {@code retrying: <why>},
     * {@code idle: <why>}, {@code stopped}.
     */
    synchronized String describe(Optional<PipelinePhase> phase) {
        return switch (state) {
            case RUNNING -> phase.map(PipelinePhase::label).orElse(state.label());
            case RETRYING, IDLE -> state.label() + ": " + reason;
            default -> state.label();
        };
    }

    /** The vision thread read a frame. */
    void progressed() {
        progressNanos = System.nanoTime();
    }

    /** A deliberate wait begins: no stall is reported until {@link #endWait()}. */
    void beginWait() {
        waiting = true;
    }

    /** A deliberate wait ended; counts as progress. */
    void endWait() {
        progressNanos = System.nanoTime();
        waiting = false;
    }

    /** Milliseconds without progress when more than {@code limit} and not waiting on purpose; else empty. */
    Optional<Long> idleBeyond(Duration limit) {
        if (waiting) {
            return Optional.empty();
        }
        long idleMillis = (System.nanoTime() - progressNanos) / 1_000_000;
        return idleMillis > limit.toMillis() ? Optional.of(idleMillis) : Optional.empty();
    }
}
