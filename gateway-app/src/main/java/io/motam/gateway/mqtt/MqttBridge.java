package io.motam.gateway.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.motam.gateway.journal.Cursor;
import io.motam.gateway.journal.EventJournal;
import io.motam.gateway.journal.JournalEntry;
import io.motam.gateway.state.SystemStateController;
import io.motam.gateway.state.SystemStatus;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.mqtt.SendingMqttMessageMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes the journal to MQTT in order, from a persisted cursor: an entry counts as delivered
 * only when the broker acknowledged it (QoS 1); until then the bridge retries the same entry
 * with backoff, so a broker outage pauses the cursor and loses nothing. Also keeps
 * {@code availability} (retained, {@code offline} as last will) and the retained {@code state}.
 */
@ApplicationScoped
public class MqttBridge {
    private static final Logger LOG = Logger.getLogger(MqttBridge.class);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    @Inject
    @Channel(Channels.MQTT_OUT)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 256)
    Emitter<byte[]> out;

    @Inject EventJournal journal;
    @Inject @Named("mqtt") Cursor cursor;
    @Inject Topics topics;
    @Inject ObjectMapper mapper;
    @Inject SystemStateController state;

    private volatile boolean running;
    private volatile boolean stateDirty = true;
    private Thread worker;

    void start(@Observes StartupEvent ev) {
        running = true;
        worker = new Thread(this::run, "motam-mqtt-bridge");
        worker.setDaemon(true);
        worker.start();
    }

    void onState(@Observes SystemStatus status) {
        stateDirty = true;
        synchronized (this) {
            notifyAll();
        }
    }

    private void run() {
        long backoff = 100;
        boolean online = false;
        while (running) {
            try {
                if (!online) {
                    publish(topics.of(Topics.AVAILABILITY), Topics.ONLINE.getBytes(StandardCharsets.UTF_8), true);
                    online = true;
                    stateDirty = true;
                    LOG.infof("MQTT bridge online at %s", topics.base());
                }
                if (stateDirty) {
                    stateDirty = false;
                    publish(topics.of(Topics.STATE), stateJson(state.status()), true);
                }
                List<JournalEntry> batch = journal.awaitAfter(cursor.position(), 64, Duration.ofMillis(200));
                for (JournalEntry e : batch) {
                    publish(topics.of(e.topic()), mapper.writeValueAsBytes(e.payload()), false);
                    cursor.advance(e.index());
                    journal.trimThrough(e.index());
                    if (stateDirty) {
                        break;
                    }
                }
                backoff = 100;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (PublishFailedException | IOException e) {
                if (online) {
                    LOG.warnf("MQTT publish failed (%s); holding the journal at %d and retrying", e.getMessage(),
                            cursor.position());
                }
                online = false; // after a reconnect, availability and state are published again
                sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
            }
        }
    }

    /** Publishes with QoS 1 and waits for the broker's acknowledgement. */
    void publish(String topic, byte[] payload, boolean retain) throws PublishFailedException, InterruptedException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Message<byte[]> msg = Message.of(payload,
                Metadata.of(new SendingMqttMessageMetadata(topic, MqttQoS.AT_LEAST_ONCE, retain)),
                () -> {
                    done.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                t -> {
                    done.completeExceptionally(t);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            out.send(msg);
            done.get(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new PublishFailedException(topic + ": " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new PublishFailedException(topic + ": no acknowledgement within " + PUBLISH_TIMEOUT);
        } catch (IllegalStateException e) {
            throw new PublishFailedException(topic + ": " + e.getMessage());
        }
    }

    byte[] stateJson(SystemStatus s) {
        ObjectNode n = mapper.createObjectNode();
        n.put("schema", 1);
        n.put("system", s.system().name());
        n.put("camera", s.cameraId());
        n.put("link", s.cameraConnected() ? "connected" : "disconnected");
        n.put("mode", s.mode() == null ? null : s.mode().name());
        n.put("alertCount", s.alertCount());
        n.put("lastSeen", s.lastSeen() == null ? null : s.lastSeen().toString());
        n.put("ts", s.changedAt().toString());
        try {
            return mapper.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        if (worker != null) {
            worker.interrupt();
        }
        try {
            publish(topics.of(Topics.AVAILABILITY), Topics.OFFLINE.getBytes(StandardCharsets.UTF_8), true);
        } catch (PublishFailedException | InterruptedException e) {
            LOG.debugf("offline not published at shutdown: %s", e.getMessage());
        }
    }

    private void sleep(long millis) {
        synchronized (this) {
            try {
                wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    /** The broker did not take a message. */
    static final class PublishFailedException extends Exception {
        PublishFailedException(String message) {
            super(message);
        }
    }
}
