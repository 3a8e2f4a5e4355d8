package io.motam.protocol.uplink;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Detects a dead link within the keepalive time, even when nothing is being sent, and keeps a
 * live but idle link busy enough not to look dead.
 *
 * <ul>
 * <li>Every byte read from the link (below TLS: a slow 64 KiB chunk counts while it
 * arrives) marks the link alive ({@link #watch}); so do bytes waiting to be read while the
 * reading thread is busy (the link's {@code available()}).</li>
 * <li>Every {@code keepalive / 4} a PING goes out, whatever else is sent; the peer answers with
 * a PONG and pings on its own schedule.</li>
 * <li>Every {@code keepalive / 20} (at least 10 ms) the silence is checked; once it reaches
 * {@code keepalive - check period} the link is declared dead. So a link that stops delivering
 * bytes at any moment is declared dead at most {@code keepalive} later.</li>
 * </ul>
 *
 * The checks and pings run on a shared scheduler and never block: the ping is only handed to
 * the connection's writer queue, and a dead link is closed with {@code Link.close()}.
 */
final class Keepalive implements AutoCloseable {
    private final long keepaliveNanos;
    private final long checkNanos;
    private final ScheduledExecutorService timers;
    private final AtomicBoolean fired = new AtomicBoolean();
    private volatile long lastRead = System.nanoTime();
    private volatile InputStream raw;
    private ScheduledFuture<?> checks;
    private ScheduledFuture<?> pings;

    Keepalive(Duration keepalive, ScheduledExecutorService timers) {
        this.keepaliveNanos = keepalive.toNanos();
        this.checkNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10), keepaliveNanos / 20);
        this.timers = timers;
    }

    /** The link's input, marking the link alive on every byte. */
    InputStream watch(InputStream in) {
        raw = in;
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    lastRead = System.nanoTime();
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    lastRead = System.nanoTime();
                }
                return n;
            }
        };
    }

    /** Starts pinging and checking; {@code dead} runs once, with the silence in milliseconds. */
    synchronized void start(Runnable ping, java.util.function.LongConsumer dead) {
        lastRead = System.nanoTime();
        long pingNanos = keepaliveNanos / 4;
        pings = timers.scheduleAtFixedRate(ping, pingNanos, pingNanos, TimeUnit.NANOSECONDS);
        checks = timers.scheduleAtFixedRate(
                () -> {
                    long silent = System.nanoTime() - lastRead;
                    if (silent >= keepaliveNanos - checkNanos && !waiting() && fired.compareAndSet(false, true)) {
                        stop();
                        dead.accept(TimeUnit.NANOSECONDS.toMillis(silent));
                    }
                },
                checkNanos,
                checkNanos,
                TimeUnit.NANOSECONDS);
    }

    /**
     * Bytes arrived that the reading thread has not taken yet (it is busy, e.g. with an fsync):
     * the peer is alive, this end is slow.
     */
    private boolean waiting() {
        try {
            InputStream in = raw;
            return in != null && in.available() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Nanoseconds since the last byte arrived. */
    long silentNanos() {
        return System.nanoTime() - lastRead;
    }

    private synchronized void stop() {
        if (pings != null) {
            pings.cancel(false);
        }
        if (checks != null) {
            checks.cancel(false);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
