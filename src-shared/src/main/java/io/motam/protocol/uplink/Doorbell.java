package io.motam.protocol.uplink;

import java.util.concurrent.TimeUnit;

/** Wakes a waiting writer: rings are not counted, a ring before the wait is not lost. */
final class Doorbell {
    private boolean rung;

    synchronized void ring() {
        rung = true;
        notifyAll();
    }

    /** Waits until rung or {@code millis} passed; clears the ring. */
    synchronized void await(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!rung) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        rung = false;
    }
}
