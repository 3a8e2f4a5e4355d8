package io.motam.protocol.uplink;

import io.motam.link.Link;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * Two transports joined in memory, like a socket pair: what one writes, the other reads; a
 * write blocks while the 256 KiB buffer is full; closing either end ends both directions and
 * wakes blocked readers and writers (a reader still gets what was written before, then -1).
 */
public final class Pipe {
    static final int CAPACITY = 256 * 1024;

    private Pipe() {}

    /** Returns {@code [camera end, gateway end]}. */
    public static Link[] pair(String name) {
        Buffer up = new Buffer();
        Buffer down = new Buffer();
        java.io.Closeable closeBoth = () -> {
            up.close();
            down.close();
        };
        return new Link[] {
            Link.of(down.in(), up.out(), "pipe:" + name + "/gateway", closeBoth),
            Link.of(up.in(), down.out(), "pipe:" + name + "/camera", closeBoth),
        };
    }

    /** One direction: a bounded ring buffer. */
    static final class Buffer {
        private final byte[] ring = new byte[CAPACITY];
        private int head;
        private int count;
        private boolean closed;

        synchronized void close() {
            closed = true;
            notifyAll();
        }

        synchronized int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (count == 0) {
                if (closed) {
                    return -1;
                }
                waitHere();
            }
            int n = Math.min(len, count);
            for (int i = 0; i < n; i++) {
                b[off + i] = ring[(head + i) % CAPACITY];
            }
            head = (head + n) % CAPACITY;
            count -= n;
            notifyAll();
            return n;
        }

        synchronized void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (closed) {
                    throw new IOException("pipe closed");
                }
                if (count == CAPACITY) {
                    waitHere();
                    continue;
                }
                int n = Math.min(len, CAPACITY - count);
                int tail = (head + count) % CAPACITY;
                for (int i = 0; i < n; i++) {
                    ring[(tail + i) % CAPACITY] = b[off + i];
                }
                count += n;
                off += n;
                len -= n;
                notifyAll();
            }
        }

        private void waitHere() throws InterruptedIOException {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            }
        }

        synchronized int available() {
            return count;
        }

        InputStream in() {
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return Buffer.this.read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return Buffer.this.read(b, off, len);
                }

                @Override
                public int available() {
                    return Buffer.this.available();
                }

                @Override
                public void close() {
                    Buffer.this.close();
                }
            };
        }

        OutputStream out() {
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    Buffer.this.write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    Buffer.this.write(b, off, len);
                }

                @Override
                public void close() {
                    Buffer.this.close();
                }
            };
        }
    }
}
