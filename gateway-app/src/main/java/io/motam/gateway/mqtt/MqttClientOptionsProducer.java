package io.motam.gateway.mqtt;

import io.motam.gateway.config.GatewayConfig;
import io.motam.gateway.config.MqttConfig;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.mqtt.session.ExponentialBackoffDelayOptions;
import io.smallrye.reactive.messaging.mqtt.session.MqttClientSessionOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;

/**
 * MQTT client options shared by the gateway's channels: a client id unique per gateway, the
 * retained last will {@code availability = offline}, credentials when configured, and reconnect
 * with exponential backoff.
 */
@ApplicationScoped
public class MqttClientOptionsProducer {

    @Produces
    @Identifier(Channels.CLIENT_OPTIONS)
    MqttClientSessionOptions options(MqttConfig mqtt, GatewayConfig gateway, Topics topics) {
        MqttClientSessionOptions o = new MqttClientSessionOptions();
        o.setHostname(mqtt.host());
        o.setPort(mqtt.port());
        o.setClientId("motam-gw-" + gateway.id());
        o.setCleanSession(true);
        o.setWillFlag(true);
        o.setWillTopic(topics.of(Topics.AVAILABILITY));
        o.setWillMessage(Topics.OFFLINE);
        o.setWillQoS(1);
        o.setWillRetain(true);
        o.setKeepAliveInterval(10);
        mqtt.username().ifPresent(o::setUsername);
        mqtt.password().ifPresent(o::setPassword);
        o.setReconnectDelay(new ExponentialBackoffDelayOptions().setMinimum(Duration.ofMillis(200))
                .setIncrement(Duration.ofMillis(500)).setMaximum(Duration.ofSeconds(10)));
        return o;
    }
}
