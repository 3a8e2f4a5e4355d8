package io.motam.camera.uplink;

import java.time.Duration;

/** Runs an action when it has not been fed for a while: a dead link is noticed even when idle. */
final class Watchdog {
    private final long timeoutNanos;
    private final Thread thread;
    private volatile long lastFed = System.nanoTime();
    private volatile boolean stopped;

    Watchdog(Duration timeout, Runnable onTimeout) {
        this.timeoutNanos = timeout.toNanos();
        this.thread = new Thread(() -> {
            while (!stopped) {
                long left = lastFed + timeoutNanos - System.nanoTime();
                if (left <= 0) {
                    onTimeout.run();
                    return;
                }
                try {
                    Thread.sleep(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "motam-uplink-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    void fed() {
        lastFed = System.nanoTime();
    }

    void stop() {
        stopped = true;
        thread.interrupt();
    }
}
