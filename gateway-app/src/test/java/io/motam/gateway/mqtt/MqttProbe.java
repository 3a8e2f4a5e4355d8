package io.motam.gateway.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * An independent Eclipse Paho (MQTT 3.1.1) client that records everything under a topic filter,
 * with the retained and duplicate flags and the arrival time.
 */
final class MqttProbe implements AutoCloseable {
    record Received(String topic, byte[] bytes, boolean retained, boolean duplicate, long nanos) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private final MqttClient client;
    private final MqttConnectOptions options;
    private final String filter;
    private final List<Received> received = new ArrayList<>();

    /**
     * @param persistentSession keep the subscription and queued QoS 1 messages at the broker while disconnected
     */
    MqttProbe(int port, String user, String password, String clientId, boolean persistentSession, String filter)
            throws MqttException {
        this.filter = filter;
        client = new MqttClient("tcp://127.0.0.1:" + port, clientId, new MemoryPersistence());
        options = new MqttConnectOptions();
        options.setCleanSession(!persistentSession);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(500);
        options.setMaxInflight(1000);
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password.toCharArray());
        }
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                if (reconnect && !persistentSession) {
                    try {
                        client.subscribe(filter, 1);
                    } catch (MqttException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }

            @Override
            public void connectionLost(Throwable cause) {
                // automatic reconnect
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                synchronized (received) {
                    received.add(new Received(
                            topic,
                            message.getPayload(),
                            message.isRetained(),
                            message.isDuplicate(),
                            System.nanoTime()));
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // QoS 1 publishes of the probe
            }
        });
        client.connect(options);
        client.subscribe(filter, 1);
    }

    boolean connected() {
        return client.isConnected();
    }

    List<Received> all() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    int count() {
        synchronized (received) {
            return received.size();
        }
    }

    List<Received> on(String topic) {
        return all().stream().filter(r -> r.topic().equals(topic)).toList();
    }

    Optional<Received> last(String topic) {
        List<Received> l = on(topic);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(l.size() - 1));
    }

    Optional<String> lastText(String topic) {
        return last(topic).map(Received::text);
    }

    boolean any(String topic, Predicate<String> payload) {
        return on(topic).stream().anyMatch(r -> payload.test(r.text()));
    }

    Optional<Received> first(String topic, Predicate<String> payload) {
        return on(topic).stream().filter(r -> payload.test(r.text())).findFirst();
    }

    void clear() {
        synchronized (received) {
            received.clear();
        }
    }

    void publish(String topic, String payload) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    void publishRetained(String topic, String payload) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, true);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
