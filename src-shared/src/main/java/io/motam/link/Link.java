package io.motam.link;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A duplex byte stream to one peer: a TCP connection, an RFCOMM channel, a pipe in a test. A
 * link moves bytes only; security is the session's job above it (the uplink runs TLS over it).
 *
 * <p>{@link #close()} is idempotent and wakes a thread blocked reading or writing the streams
 * (the keepalive relies on it).
 */
public interface Link extends Closeable {

    InputStream input();

    OutputStream output();

    /** Transport-level address of the peer (for logs, the audit trail and throw-out), e.g. {@code tcp:127.0.0.1:50322}. */
    String peerAddress();

    /** Closes both directions; a blocked reader wakes with an exception or end of stream. Idempotent. */
    @Override
    void close();

    /**
     * A link over two streams of one connection; {@code closer} runs once, on the first
     * {@link #close()} (its failure is logged at DEBUG: the connection is gone either way).
     */
    static Link of(InputStream in, OutputStream out, String peerAddress, Closeable closer) {
        return new StreamLink(in, out, peerAddress, closer);
    }
}
