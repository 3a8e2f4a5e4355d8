package io.motam.protocol.uplink;

import io.motam.protocol.message.Close;
import java.util.Optional;

/**
 * How one uplink connection ended, for the caller's backoff and for tests.
 *
 * @param established the connection reached OPEN (WELCOME exchanged)
 * @param sent the CLOSE reason this end sent, if any
 * @param received the CLOSE reason the peer sent, if any
 * @param failure what broke the link, if it did not end by a CLOSE (end of stream, a protocol
 *        error, a timeout, the keepalive)
 */
public record ConnectionOutcome(
        boolean established,
        Optional<Close.Reason> sent,
        Optional<Close.Reason> received,
        Optional<Exception> failure) {

    public String describe() {
        StringBuilder s = new StringBuilder(established ? "after WELCOME" : "before WELCOME");
        sent.ifPresent(r -> s.append(", sent CLOSE ").append(r));
        received.ifPresent(r -> s.append(", received CLOSE ").append(r));
        failure.ifPresent(e ->
                s.append(", ").append(e.getClass().getSimpleName()).append(": ").append(e.getMessage()));
        return s.toString();
    }
}
