package io.motam.protocol.session;

import io.motam.protocol.frame.ProtocolException;

/**
 * The TLS record layer refused a record of an established session: it failed authentication
 * ({@code bad_record_mac}: forged, corrupted, replayed or reordered ciphertext, since the record
 * number is part of the nonce) or broke the record rules. BC has already sent the fatal alert
 * and the session is unusable; the link closes.
 */
public final class RecordRejectedException extends ProtocolException {
    private final short alert;

    RecordRejectedException(short alert, String alertName, Throwable cause) {
        super("TLS record rejected (" + alertName + "): forged, corrupted, replayed or reordered data");
        this.alert = alert;
        initCause(cause);
    }

    /** The TLS alert description (RFC 8446 §6), e.g. 20 for {@code bad_record_mac}. */
    public short alert() {
        return alert;
    }
}
