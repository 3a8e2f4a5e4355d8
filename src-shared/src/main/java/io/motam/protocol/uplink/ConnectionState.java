package io.motam.protocol.uplink;

/**
 * Where one uplink connection stands. Camera: TLS_HANDSHAKE, AWAIT_WELCOME, OPEN. Gateway:
 * TLS_HANDSHAKE, AWAIT_HELLO, AWAIT_PROOF (unregistered keys only), OPEN. Either may go to
 * CLOSING (a CLOSE was sent: frames still arriving are read and dropped until the peer closes
 * or the linger ends) and then CLOSED.
 */
public enum ConnectionState {
    TLS_HANDSHAKE,
    AWAIT_HELLO,
    AWAIT_PROOF,
    AWAIT_WELCOME,
    OPEN,
    CLOSING,
    CLOSED;

    /** Guarded transition: {@code to} if the state is {@code this}, otherwise an error naming both. */
    ConnectionState to(ConnectionState next, ConnectionState expected) {
        if (this != expected) {
            throw new IllegalStateException("expected " + expected + " but was " + this + " (moving to " + next + ")");
        }
        return next;
    }
}
