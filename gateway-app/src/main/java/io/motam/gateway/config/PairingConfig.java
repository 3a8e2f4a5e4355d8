package io.motam.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code motam.pairing.*}: one-time offers that let a new camera in. */
@ConfigMapping(prefix = "motam.pairing")
public interface PairingConfig {

    /** How long an offer stays valid. */
    @WithDefault("120s")
    Duration ttl();

    /** Issue an offer at start when no camera is authorised yet. */
    @WithDefault("true")
    boolean offerOnFirstStart();

    /** Endpoint written into offers when the listening address is not what cameras should dial. */
    Optional<String> advertisedEndpoint();
}
