package io.motam.camera.pipeline;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The vision thread's state ({@link VisionStatus}). Allowed moves:
 * <pre>
 *   STARTING           -> RESTORING, RUNNING, RETRYING, IDLE
 *   RESTORING          -> RUNNING, RETRYING, IDLE
 *   RUNNING, RETRYING  -> RUNNING, RETRYING, IDLE
 *   IDLE               -> (none but STOPPED)
 *   any                -> STOPPED (final)
 * </pre>
 * {@code RUNNING} means a source is open and the {@link PipelinePhase} says what is done with its
 * frames; {@code RETRYING} waits to reopen a live source; {@code IDLE} lasts until restart (a bad
 * setting or model, a file source that ended or cannot be read).
 */
public enum VisionState {
    STARTING,
    RESTORING,
    RUNNING,
    RETRYING,
    IDLE,
    STOPPED;

    /** The states this one may move to. */
    public Set<VisionState> targets() {
        return switch (this) {
            case STARTING -> EnumSet.of(RESTORING, RUNNING, RETRYING, IDLE, STOPPED);
            case RESTORING -> EnumSet.of(RUNNING, RETRYING, IDLE, STOPPED);
            case RUNNING, RETRYING -> EnumSet.of(RUNNING, RETRYING, IDLE, STOPPED);
            case IDLE -> EnumSet.of(STOPPED);
            case STOPPED -> EnumSet.noneOf(VisionState.class);
        };
    }

    /** The name operators read. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
