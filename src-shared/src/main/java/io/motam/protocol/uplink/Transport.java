package io.motam.protocol.uplink;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The byte stream an uplink runs over: a TCP connection, an RFCOMM channel, a pipe in a test.
 * The apps adapt their {@code io.motam.link.Link} to it. {@link #close()} must be idempotent and
 * must wake a thread blocked in a read or write of the streams (the keepalive relies on it).
 */
public interface Transport extends Closeable {

    InputStream input();

    OutputStream output();

    /** The peer's transport address, for logs and the audit trail. */
    String peerAddress();

    @Override
    void close();

    /** A transport over two streams, closed by {@code close}. */
    static Transport of(InputStream in, OutputStream out, String peerAddress, Runnable close) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(close, "close");
        return new Transport() {
            @Override
            public InputStream input() {
                return in;
            }

            @Override
            public OutputStream output() {
                return out;
            }

            @Override
            public String peerAddress() {
                return peerAddress;
            }

            @Override
            public void close() {
                close.run();
            }

            @Override
            public String toString() {
                return "Transport[" + peerAddress + "]";
            }
        };
    }
}
