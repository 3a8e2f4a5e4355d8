package io.motam.gateway.mqtt;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.testing.Mosquitto;
import io.smallrye.reactive.messaging.mqtt.session.ConstantReconnectDelayOptions;
import io.smallrye.reactive.messaging.mqtt.session.MqttClientSessionOptions;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real mosquitto with a password file refuses the publisher's wrong password: the refusal is
 * reported with its reason, logged at WARN once however often the publisher retries, and a later
 * good connection clears the warning state.
 */
class BrokerRefusalTest {
    static final java.util.Set<String> REFUSALS = java.util.Set.of(
            "connection refused by the broker: bad user name or password",
            "connection refused by the broker: not authorized");

    private Vertx vertx;
    private Mosquitto broker;
    private AckedPublisher publisher;
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Logger log = Logger.getLogger(AckedPublisher.class.getName());
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        broker = new Mosquitto(Path.of("target", "mosquitto", "refusal-unit-" + System.nanoTime())
                        .toAbsolutePath())
                .user("gw", "right-secret")
                .start();
        log.addHandler(handler);
    }

    @AfterEach
    void stop() throws Exception {
        log.removeHandler(handler);
        if (publisher != null) {
            try {
                publisher.stop().get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException waitingToReconnect) {
                // a session that never connected does not complete its stop; vertx.close() ends it
            }
        }
        broker.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    private AckedPublisher publisher(String password) {
        MqttClientSessionOptions o = new MqttClientSessionOptions();
        o.setHostname("127.0.0.1");
        o.setPort(broker.port());
        o.setClientId("refusal-test");
        o.setUsername("gw");
        o.setPassword(password);
        o.setReconnectDelay(new ConstantReconnectDelayOptions().setDelay(Duration.ofMillis(100)));
        return new AckedPublisher(vertx, o, new AckedPublisher.Listener() {
            @Override
            public void connected(long generation) {}

            @Override
            public void disconnected(String cause) {}
        });
    }

    private List<LogRecord> warnings() {
        return logged.stream()
                .filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                .toList();
    }

    @Test
    void wrongPassword_refusedWithTheReason_warnedOnceWhileRetrying() throws Exception {
        publisher = publisher("wrong-secret");
        publisher.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> publisher.lastError().isPresent());
        AckedPublisher.ConnectionError e = publisher.lastError().get();
        assertTrue(e.refused(), e.toString());
        // mosquitto 2.0 answers a wrong password with "not authorized" (MQTT 3.1.1 return code 5)
        assertTrue(REFUSALS.contains(e.reason()), e.reason());
        // retries every 100 ms: many more attempts, still one warning
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertFalse(publisher.connected());
        List<LogRecord> warnings = warnings();
        assertEquals(
                1,
                warnings.size(),
                warnings.stream().map(LogRecord::getMessage).toList().toString());
        String line = String.valueOf(warnings.get(0).getMessage())
                + java.util.Arrays.toString(warnings.get(0).getParameters());
        assertTrue(line.contains(e.reason()), line);
        assertFalse(line.contains("wrong-secret"), line);
    }

    @Test
    void rightPassword_connectsWithoutWarningOrError() throws Exception {
        publisher = publisher("right-secret");
        publisher.start();
        await().atMost(Duration.ofSeconds(10)).until(publisher::connected);
        assertTrue(publisher.lastError().isEmpty());
        assertTrue(warnings().isEmpty(), warnings().toString());
    }
}
