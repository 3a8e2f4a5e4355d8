package io.motam.protocol.uplink;

import io.motam.protocol.frame.ProtocolException;
import java.time.Duration;

/**
 * The peer did not complete the TLS handshake and the HELLO .. WELCOME exchange in time: it
 * stalled (or is too slow to be of use). The link was closed to free the thread.
 */
public final class HandshakeTimeoutException extends ProtocolException {
    private final ConnectionState stalledIn;

    public HandshakeTimeoutException(Duration timeout, ConnectionState stalledIn) {
        super("no complete handshake within " + timeout.toMillis() + " ms: stalled in " + stalledIn);
        this.stalledIn = stalledIn;
    }

    public ConnectionState stalledIn() {
        return stalledIn;
    }
}
