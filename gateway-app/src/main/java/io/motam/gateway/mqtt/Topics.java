package io.motam.gateway.mqtt;

import io.motam.gateway.config.GatewayConfig;
import io.motam.gateway.config.MqttConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Builds this gateway's topics: {@code <prefix>/<gateway-id>/<suffix>} (docs/mqtt.md). */
@ApplicationScoped
public class Topics {
    public static final String AVAILABILITY = "availability";
    public static final String STATE = "state";
    public static final String CMD_RESULT = "cmd/result";
    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";

    @Inject
    MqttConfig mqtt;

    @Inject
    GatewayConfig gateway;

    public String base() {
        return mqtt.topicPrefix() + "/" + gateway.id() + "/";
    }

    public String of(String suffix) {
        return base() + suffix;
    }
}
