package io.motam.camera.pipeline;

import java.util.concurrent.locks.LockSupport;

/**
 * Plays recorded media at a chosen speed: waits until the wall clock matches the frame's media
 * time divided by the speed. Speed 0 (or a live device) never waits.
 */
final class Pacer {
    private final double speed;
    private long startNanos = -1;
    private long startMicros;

    Pacer(double speed) {
        if (speed < 0 || Double.isNaN(speed)) {
            throw new IllegalArgumentException("playback speed must be >= 0 but was " + speed);
        }
        this.speed = speed;
    }

    void await(long mediaMicros) {
        if (speed == 0) {
            return;
        }
        if (startNanos < 0) {
            startNanos = System.nanoTime();
            startMicros = mediaMicros;
            return;
        }
        long due = startNanos + (long) ((mediaMicros - startMicros) * 1000 / speed);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
