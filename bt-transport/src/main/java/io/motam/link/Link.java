package io.motam.link;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A duplex byte stream to one peer: a TCP connection, an RFCOMM channel, or a pipe in memory.
 * A link moves bytes only; security is the session's job above it.
 */
public interface Link extends Closeable {

    InputStream input();

    OutputStream output();

    /** Transport-level address of the peer (for logs and throw-out), e.g. {@code tcp:127.0.0.1:50322}. */
    String peerAddress();

    /** Closes both directions; a blocked reader wakes with an exception or end of stream. Idempotent. */
    @Override
    void close();
}
