package io.motam.gateway.mqtt;

import io.smallrye.reactive.messaging.mqtt.ReceivingMqttMessageMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Listens to Home Assistant's birth message ({@code <discovery prefix>/status = online}) and
 * has the bridge send discovery, availability and state again, as Home Assistant asks of MQTT
 * devices after it restarts.
 */
@ApplicationScoped
public class HomeAssistantStatusListener {
    private static final Logger LOG = Logger.getLogger(HomeAssistantStatusListener.class);

    @Inject MqttBridge bridge;
    @Inject MqttBridgeConfig config;

    @Incoming(Channels.HA_STATUS)
    public CompletionStage<Void> onStatus(Message<byte[]> msg) {
        byte[] p = msg.getPayload() == null ? new byte[0] : msg.getPayload();
        String status = p.length > 16 ? "" : new String(p, StandardCharsets.UTF_8).trim();
        boolean retained = msg.getMetadata(ReceivingMqttMessageMetadata.class).map(ReceivingMqttMessageMetadata::isRetain)
                .orElse(false);
        if (config.discovery().enabled() && Topics.ONLINE.equals(status) && !retained) {
            LOG.info("Home Assistant is online: sending discovery again");
            bridge.homeAssistantOnline();
        }
        return msg.ack();
    }
}
