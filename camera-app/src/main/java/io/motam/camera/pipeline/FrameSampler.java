package io.motam.camera.pipeline;

/**
 * The configurable sampling rate ({@code motam.camera.frame-interval}): lets a frame through when
 * at least {@code intervalMicros} of media time passed since the last one let through. Not
 * thread-safe.
 */
public final class FrameSampler {
    private final long intervalMicros;
    private boolean any;
    private long last;

    /** @param intervalMicros least media time between two frames let through, >= 0 (0 = every frame) */
    public FrameSampler(long intervalMicros) {
        if (intervalMicros < 0) {
            throw new IllegalArgumentException("expected a frame interval >= 0 but was " + intervalMicros + " µs");
        }
        this.intervalMicros = intervalMicros;
    }

    /** True when the frame at {@code atMicros} is to be processed. */
    public boolean take(long atMicros) {
        if (any && atMicros - last < intervalMicros) {
            return false;
        }
        any = true;
        last = atMicros;
        return true;
    }
}
