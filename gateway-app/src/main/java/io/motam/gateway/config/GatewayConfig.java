package io.motam.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code motam.gateway.*}: who this gateway is. */
@ConfigMapping(prefix = "motam.gateway")
public interface GatewayConfig {

    /** Gateway id, used in MQTT topics and pairing offers ([A-Za-z0-9._-], 1..64 chars). */
    @WithDefault("gw1")
    String id();

    /** How many cameras may be connected at the same time. */
    @WithDefault("1")
    int maxCameras();
}
