package io.motam.demo.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * An independent subscriber (Eclipse Paho, QoS 1, persistent session) that stays for the whole
 * soak and counts the gateway's journal events on {@code <base>events/#}: messages received,
 * distinct event ids, and repeats (an id seen before: MQTT's at-least-once delivery, expected
 * after broker restarts and reconnects, never a loss).
 */
final class MqttTally implements AutoCloseable {
    /** Snapshot of the counts; {@code cameraEvents} are distinct ids of camera events (seq > 0). */
    record Counts(long messages, long distinct, long repeats, long cameraEvents, Map<String, Long> byTopic) {}

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Ids remembered at most; a soak of days would stop counting repeats past it, never grow. */
    private static final int MAX_IDS = 5_000_000;

    private final String base;
    private final MqttClient client;
    private final Set<String> ids = new HashSet<>();
    private final Map<String, Long> byTopic = new HashMap<>();
    private long messages;
    private long repeats;
    private long cameraEvents;
    private long unreadable;

    MqttTally(int port, String base, String clientId) throws MqttException {
        this.base = base;
        this.client = new MqttClient("tcp://127.0.0.1:" + port, clientId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(false);
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay(2000);
        o.setKeepAliveInterval(5);
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
                if (reconnect) {
                    resubscribe(); // idempotent: covers a broker that lost the session
                }
            }

            @Override
            public void connectionLost(Throwable cause) {
                // automatic reconnect
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                count(topic, message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // publishes nothing
            }
        });
        client.connect(o);
        client.subscribe(base + "events/#", 1);
    }

    /** Off the callback thread: a blocking call made on it would wait for itself. */
    private void resubscribe() {
        Thread t = new Thread(
                () -> {
                    try {
                        client.subscribe(base + "events/#", 1);
                    } catch (MqttException e) {
                        // disconnected again: the next reconnect subscribes again
                    }
                },
                "soak-mqtt-resubscribe");
        t.setDaemon(true);
        t.start();
    }

    private synchronized void count(String topic, byte[] payload) {
        messages++;
        byTopic.merge(topic.substring(base.length()), 1L, Long::sum);
        JsonNode n;
        try {
            n = MAPPER.readTree(payload);
        } catch (IOException e) {
            unreadable++;
            return;
        }
        String id = n.path("id").asText("");
        if (ids.contains(id)) {
            repeats++;
        } else if (ids.size() < MAX_IDS) {
            ids.add(id);
            if (n.path("seq").asLong(0) > 0) {
                cameraEvents++;
            }
        }
    }

    synchronized Counts counts() {
        return new Counts(messages, ids.size(), repeats, cameraEvents, Map.copyOf(byTopic));
    }

    synchronized long unreadable() {
        return unreadable;
    }

    @Override
    public void close() {
        try {
            client.disconnectForcibly(1000, 1000);
        } catch (MqttException e) {
            // not connected (or reconnecting): nothing to end
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // closing anyway
        }
    }
}
