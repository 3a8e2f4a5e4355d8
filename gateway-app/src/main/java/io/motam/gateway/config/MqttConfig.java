package io.motam.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** {@code motam.mqtt.*}: the local broker the gateway bridges to. */
@ConfigMapping(prefix = "motam.mqtt")
public interface MqttConfig {

    @WithDefault("localhost")
    String host();

    @WithDefault("1883")
    int port();

    Optional<String> username();

    Optional<String> password();

    /** First topic level; topics are {@code <prefix>/<gateway-id>/...}. */
    @WithDefault("motam")
    String topicPrefix();
}
