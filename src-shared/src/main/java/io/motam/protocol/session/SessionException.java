package io.motam.protocol.session;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Objects;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlertReceived;

/**
 * A secure session could not be established. The {@link #reason()} is for the local caller and
 * the log only; the remote peer only ever sees a generic TLS alert.
 */
public final class SessionException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Why the session failed. */
    public enum Reason {
        /** The server's {@link PeerPolicy} refused our key, or we refused the client's. */
        PEER_REJECTED,
        /** The server's key is not the pinned one: a wrong gateway or a man in the middle. */
        SERVER_KEY_MISMATCH,
        /** The transport timed out (e.g. a socket read timeout) during the handshake. */
        TIMEOUT,
        /** Anything else: not TLS, not TLS 1.3, bad signature, transport closed, ... */
        HANDSHAKE_FAILED
    }

    private final Reason reason;

    SessionException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the session failed. */
    public Reason reason() {
        return reason;
    }

    /** Whether {@code failure} or one of its causes is a transport timeout. */
    static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    /** Whether the peer told us, by alert, that it refused our certificate. */
    static boolean isRefusalAlert(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TlsFatalAlertReceived alert) {
                short description = alert.getAlertDescription();
                return description == AlertDescription.bad_certificate
                        || description == AlertDescription.certificate_required
                        || description == AlertDescription.access_denied;
            }
        }
        return false;
    }
}
