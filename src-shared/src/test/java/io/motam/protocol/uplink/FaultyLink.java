package io.motam.protocol.uplink;

import io.motam.link.Link;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wraps a transport and breaks it once {@code budget} bytes have crossed it (both directions
 * counted): {@link Mode#CUT} closes it (both ends see the end at once, like a pulled cable that
 * the kernel reports), {@link Mode#STALL} silently stops delivering (reads block, writes vanish),
 * like a radio link that went out of range: only a keepalive notices.
 */
final class FaultyLink implements Link {
    enum Mode {
        CUT,
        STALL
    }

    private final Link inner;
    private final Mode mode;
    private final long budget;
    private final AtomicLong crossed = new AtomicLong();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean broken;
    private volatile long brokenAtNanos;

    FaultyLink(Link inner, Mode mode, long budget) {
        this.inner = inner;
        this.mode = mode;
        this.budget = budget;
    }

    /** Breaks it now. */
    void breakNow() {
        if (!broken) {
            System.out.println(
                    java.time.LocalTime.now() + " FaultyLink " + mode + " after " + crossed.get() + " bytes");
            broken = true;
            brokenAtNanos = System.nanoTime();
            if (mode == Mode.CUT) {
                inner.close();
            }
        }
    }

    boolean broken() {
        return broken;
    }

    long brokenAtNanos() {
        return brokenAtNanos;
    }

    /** Allows {@code n} more bytes; returns how many of them may pass before the break. */
    private int admit(int n) {
        if (broken) {
            return 0;
        }
        long before = crossed.getAndAdd(n);
        if (before + n >= budget) {
            int allowed = (int) Math.max(0, budget - before);
            breakNow();
            return allowed;
        }
        return n;
    }

    private void stallUntilClosed() throws IOException {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IOException("transport closed");
    }

    @Override
    public InputStream input() {
        InputStream in = inner.input();
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (broken && mode == Mode.STALL) {
                    stallUntilClosed();
                }
                int n = in.read(b, off, len);
                if (n <= 0) {
                    return n;
                }
                int allowed = admit(n);
                if (allowed == 0 && broken && mode == Mode.STALL) {
                    stallUntilClosed();
                }
                if (allowed == 0) {
                    throw new IOException("link cut");
                }
                return allowed;
            }
        };
    }

    @Override
    public OutputStream output() {
        OutputStream out = inner.output();
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (broken && mode == Mode.STALL) {
                    return; // vanishes
                }
                int allowed = admit(len);
                if (allowed > 0) {
                    out.write(b, off, allowed);
                }
                if (allowed < len && mode == Mode.CUT) {
                    throw new IOException("link cut");
                }
            }

            @Override
            public void flush() throws IOException {
                if (!broken) {
                    out.flush();
                }
            }
        };
    }

    @Override
    public String peerAddress() {
        return inner.peerAddress();
    }

    @Override
    public void close() {
        closed.countDown();
        inner.close();
    }
}
