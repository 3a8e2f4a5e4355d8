package io.motam.demo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** An independent Eclipse Paho client that records everything under a topic filter. */
final class MqttRecorder implements AutoCloseable {
    record Received(String topic, String payload, boolean retained) {}

    private final MqttClient client;
    private final List<Received> received = new ArrayList<>();

    MqttRecorder(int port, String filter) throws MqttException {
        client = new MqttClient("tcp://127.0.0.1:" + port, "motam-test-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setAutomaticReconnect(true);
        client.connect(o);
        client.subscribe(filter, 1, (topic, msg) -> {
            synchronized (received) {
                received.add(
                        new Received(topic, new String(msg.getPayload(), StandardCharsets.UTF_8), msg.isRetained()));
            }
        });
    }

    List<Received> all() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    List<Received> on(String topic) {
        return all().stream().filter(r -> r.topic().equals(topic)).toList();
    }

    Optional<Received> last(String topic) {
        List<Received> l = on(topic);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(l.size() - 1));
    }

    boolean any(String topic, Predicate<String> payload) {
        return on(topic).stream().anyMatch(r -> payload.test(r.payload()));
    }

    void publish(String topic, String payload) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
