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
 * has the bridge send discovery, availability and state again after a short random delay (at most
 * {@code motam.mqtt.discovery.birth-delay-max}), as Home Assistant asks of MQTT devices after it
 * restarts.
 */
@ApplicationScoped
public class HomeAssistantStatusListener {
    private static final Logger LOG = Logger.getLogger(HomeAssistantStatusListener.class);

    @Inject
    MqttBridge bridge;

    @Inject
    MqttBridgeConfig config;

    @Inject
    io.vertx.core.Vertx vertx;

    /** The last birth message answered: when it was heard ({@link System#nanoTime()}) and the delay drawn. */
    record BirthAnswer(long heardNanos, long delayMillis) {}

    private volatile BirthAnswer lastAnswer;

    /** The last birth message answered, if any. */
    java.util.Optional<BirthAnswer> lastAnswer() {
        return java.util.Optional.ofNullable(lastAnswer);
    }

    @Incoming(Channels.HA_STATUS)
    public CompletionStage<Void> onStatus(Message<byte[]> msg) {
        byte[] p = msg.getPayload() == null ? new byte[0] : msg.getPayload();
        String status = p.length > 16 ? "" : new String(p, StandardCharsets.UTF_8).trim();
        boolean retained = msg.getMetadata(ReceivingMqttMessageMetadata.class)
                .map(ReceivingMqttMessageMetadata::isRetain)
                .orElse(false);
        if (config.discovery().enabled() && Topics.ONLINE.equals(status) && !retained) {
            // a random delay, as Home Assistant asks, so that many devices do not answer at once
            long max = Math.max(1, config.discovery().birthDelayMax().toMillis());
            long delay = java.util.concurrent.ThreadLocalRandom.current().nextLong(max) + 1;
            LOG.infof("Home Assistant is online: sending discovery again in %d ms", delay);
            lastAnswer = new BirthAnswer(System.nanoTime(), delay);
            vertx.setTimer(delay, id -> bridge.homeAssistantOnline());
        }
        return msg.ack();
    }
}
