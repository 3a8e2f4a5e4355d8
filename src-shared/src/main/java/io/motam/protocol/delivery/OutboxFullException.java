package io.motam.protocol.delivery;

import java.io.IOException;

/** The outbox holds its maximum of unacknowledged events; the gateway has been away too long. */
public final class OutboxFullException extends IOException {
    public OutboxFullException(int pending, int limit) {
        super("outbox full: " + pending + " unacknowledged events, limit " + limit);
    }
}
