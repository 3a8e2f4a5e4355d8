package io.motam.gateway.mqtt;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.reactive.messaging.mqtt.session.ConstantReconnectDelayOptions;
import io.smallrye.reactive.messaging.mqtt.session.MqttClientSessionOptions;
import io.vertx.core.Vertx;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A publish counts only when the broker acknowledged it: against a broker that takes the
 * PUBLISH off the socket but never answers PUBACK, the future stays open, and it fails when the
 * connection ends. (The Reactive Messaging sink would have acked this message already: its ack
 * follows the socket write.)
 */
class AckedPublisherTest {
    private Vertx vertx;
    private ServerSocket server;
    private final AtomicInteger publishesSeen = new AtomicInteger();
    private final AtomicReference<Socket> connection = new AtomicReference<>();

    @BeforeEach
    void silentBroker() throws IOException {
        vertx = Vertx.vertx();
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "silent-broker");
        t.setDaemon(true);
        t.start();
    }

    @AfterEach
    void close() throws Exception {
        server.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    /** Answers CONNECT with CONNACK (accepted), then reads packets and never acknowledges a PUBLISH. */
    private void serve() {
        try (Socket s = server.accept()) {
            connection.set(s);
            InputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (true) {
                int type = in.read();
                if (type < 0) {
                    return;
                }
                int length = 0;
                int shift = 0;
                int b;
                do {
                    b = in.read();
                    length |= (b & 0x7f) << shift;
                    shift += 7;
                } while ((b & 0x80) != 0);
                in.readNBytes(length);
                switch (type >> 4) {
                    case 1 -> out.write(new byte[] {0x20, 0x02, 0x00, 0x00}); // CONNECT -> CONNACK accepted
                    case 3 -> publishesSeen.incrementAndGet(); // PUBLISH -> silence
                    case 12 -> out.write(new byte[] {(byte) 0xD0, 0x00}); // PINGREQ -> PINGRESP
                    default -> {}
                }
                out.flush();
            }
        } catch (IOException e) {
            // closed by the test
        }
    }

    @Test
    void publish_brokerNeverSendsPuback_staysOpenThenFailsWhenTheConnectionEnds() throws Exception {
        MqttClientSessionOptions o = new MqttClientSessionOptions();
        o.setHostname("127.0.0.1");
        o.setPort(server.getLocalPort());
        o.setClientId("acked-test");
        o.setReconnectDelay(new ConstantReconnectDelayOptions().setDelay(Duration.ofSeconds(60)));
        AckedPublisher p = new AckedPublisher(vertx, o, new AckedPublisher.Listener() {
            @Override
            public void connected(long generation) {}

            @Override
            public void disconnected(String cause) {}
        });
        p.start();
        await().atMost(Duration.ofSeconds(10)).until(p::connected);
        CompletableFuture<Void> f = p.publish("t/x", "hello".getBytes(StandardCharsets.UTF_8), false, p.generation());
        await().atMost(Duration.ofSeconds(10)).until(() -> publishesSeen.get() == 1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !f.isDone());

        connection.get().close();
        await().atMost(Duration.ofSeconds(10)).until(f::isDone);
        ExecutionException e = assertThrows(ExecutionException.class, f::get);
        assertTrue(e.getCause() instanceof AckedPublisher.PublishFailedException, e.toString());
        assertFalse(p.connected());
        p.stop();
    }

    @Test
    void publish_forAnOldConnection_failsAtOnceWithoutSending() throws Exception {
        MqttClientSessionOptions o = new MqttClientSessionOptions();
        o.setHostname("127.0.0.1");
        o.setPort(server.getLocalPort());
        o.setClientId("acked-test-2");
        AckedPublisher p = new AckedPublisher(vertx, o, new AckedPublisher.Listener() {
            @Override
            public void connected(long generation) {}

            @Override
            public void disconnected(String cause) {}
        });
        p.start();
        await().atMost(Duration.ofSeconds(10)).until(p::connected);
        CompletableFuture<Void> f = p.publish("t/x", new byte[] {1}, false, p.generation() - 1);
        await().atMost(Duration.ofSeconds(5)).until(f::isDone);
        assertTrue(f.isCompletedExceptionally());
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> publishesSeen.get() == 0);
        p.stop();
    }
}
