package io.motam.gateway.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the audit log: a decision about a camera or an operator action.
 *
 * @param n           position in the log, from 1
 * @param at          when it was decided (UTC)
 * @param action      what was decided, e.g. {@code GRANTED}, {@code DENIED}, {@code REVOKED},
 *                    {@code BLOCKED}, {@code RELEASE_REFUSED}
 * @param cameraId    the camera concerned, or {@code null}
 * @param fingerprint the camera key's fingerprint (hex), or {@code null}
 * @param address     the peer's link address, or {@code null}
 * @param reason      why, for the operator (never a secret)
 */
public record AuditEntry(
        long n, Instant at, String action, String cameraId, String fingerprint, String address, String reason) {
    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        if (n < 1) {
            throw new IllegalArgumentException("expected an audit index >= 1 but was " + n);
        }
    }
}
