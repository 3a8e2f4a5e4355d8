package io.motam.gateway.registry;

import java.time.Instant;
import java.util.Objects;

/** A camera that proved a pairing offer: its id, pinned key fingerprint (hex) and history. */
public record AuthorisedCamera(String id, String fingerprint, String address, Instant pairedAt, Instant lastSeen) {
    public AuthorisedCamera {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(pairedAt, "pairedAt");
    }

    AuthorisedCamera seen(Instant at) {
        return new AuthorisedCamera(id, fingerprint, address, pairedAt, at);
    }
}
