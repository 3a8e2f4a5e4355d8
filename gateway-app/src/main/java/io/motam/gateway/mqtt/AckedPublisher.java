package io.motam.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.smallrye.reactive.messaging.mqtt.session.MqttClientSession;
import io.smallrye.reactive.messaging.mqtt.session.MqttClientSessionOptions;
import io.smallrye.reactive.messaging.mqtt.session.SessionEvent;
import io.smallrye.reactive.messaging.mqtt.session.SessionState;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * One MQTT connection that publishes with QoS 1 and completes each publish on the broker's
 * PUBACK — not when the PUBLISH was written to the socket.
 *
 * <p>Why not the Reactive Messaging sink: its message ack follows {@code MqttClient.publish},
 * whose future completes once the packet is written (verified on smallrye-reactive-messaging-mqtt
 * 4.33 / vertx-mqtt 4.5); a broker that goes away after that write would lose the message
 * while the journal cursor moved on. This class uses the same session library
 * ({@link MqttClientSession}: reconnect with backoff, TLS, last will) and correlates the
 * session's PUBACK notifications with packet ids itself.
 *
 * <p>Every connection is a numbered <em>generation</em>. A publish names the generation it is
 * meant for and fails at once if the connection changed meanwhile, so a caller that resends
 * after a reconnect never has an old publish overtake its resends. All session calls and
 * callbacks run on one Vert.x context; futures complete on that event loop.
 */
public final class AckedPublisher {
    private static final Logger LOG = Logger.getLogger(AckedPublisher.class);

    /** Told about connections; called on the event loop, must not block. */
    public interface Listener {
        void connected(long generation);

        void disconnected(String cause);
    }

    private final Context context;
    private final MqttClientSession session;
    private final Listener listener;
    private final String name;
    // confined to the context
    private final Map<Integer, CompletableFuture<Void>> awaitingAck = new HashMap<>();
    private final Set<Integer> ackedEarly = new HashSet<>();
    private volatile long generation;
    private volatile boolean connected;
    private volatile ConnectionError lastError;
    // the failure last logged at WARN since the last successful connect (confined to the context)
    private String warnedFailure;

    public AckedPublisher(Vertx vertx, MqttClientSessionOptions options, Listener listener) {
        this.context = vertx.getOrCreateContext();
        this.listener = listener;
        this.name = options.getClientId() + "@" + options.getHostname() + ":" + options.getPort();
        this.session = MqttClientSession.create(vertx, options);
        session.publishCompletionHandler(this::acked);
        session.publishCompletionExpirationHandler(id -> failOne(id, "no PUBACK in time"));
        session.publishCompletionUnknownPacketIdHandler(id -> LOG.debugf("%s: PUBACK for unknown packet %d", name, id));
        session.sessionStateHandler(this::onSession);
        session.exceptionHandler(t -> LOG.debugf("%s: %s", name, t.getMessage()));
    }

    public void start() {
        context.runOnContext(v -> session.start());
    }

    /** Disconnects cleanly (DISCONNECT: the broker does not send the last will). */
    public CompletableFuture<Void> stop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> session.stop().onComplete(ar -> done.complete(null)));
        return done;
    }

    /**
     * Drops the connection and makes a new one: the next generation starts clean. (Stop and
     * start are queued back to back: the session's stop future never completes when it is
     * already disconnected and waiting to reconnect.)
     */
    public void reconnect() {
        context.runOnContext(v -> {
            session.stop();
            session.start();
        });
    }

    public boolean connected() {
        return connected;
    }

    /** Why the last connection attempt failed or the last connection ended; empty before any failure. */
    public java.util.Optional<ConnectionError> lastError() {
        return java.util.Optional.ofNullable(lastError);
    }

    /** Number of the current (or last) connection, from 1. */
    public long generation() {
        return generation;
    }

    /** Publishes on the current connection, whatever its generation. */
    public CompletableFuture<Void> publish(String topic, byte[] payload, boolean retain) {
        return publish(topic, payload, retain, -1);
    }

    /**
     * Publishes with QoS 1; the future completes on PUBACK and fails when the connection ends
     * first, or at once when {@code forGeneration} (if not -1) is not the current connection.
     */
    public CompletableFuture<Void> publish(String topic, byte[] payload, boolean retain, long forGeneration) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        Buffer body = Buffer.buffer(payload);
        context.runOnContext(v -> {
            long gen = generation;
            if (!connected || (forGeneration != -1 && forGeneration != gen)) {
                f.completeExceptionally(new PublishFailedException(topic + ": not connected (connection " + gen + ")"));
                return;
            }
            session.publish(topic, body, MqttQoS.AT_LEAST_ONCE, false, retain).onComplete(ar -> {
                if (ar.failed()) {
                    f.completeExceptionally(
                            new PublishFailedException(topic + ": " + ar.cause().getMessage()));
                } else if (generation != gen || !connected) {
                    f.completeExceptionally(new PublishFailedException(topic + ": connection " + gen + " ended"));
                } else if (ackedEarly.remove(ar.result())) {
                    f.complete(null);
                } else {
                    awaitingAck.put(ar.result(), f);
                }
            });
        });
        return f;
    }

    private void acked(Integer packetId) {
        CompletableFuture<Void> f = awaitingAck.remove(packetId);
        if (f != null) {
            f.complete(null);
        } else {
            ackedEarly.add(packetId); // PUBACK seen before the write completion: rare but legal
        }
    }

    private void failOne(Integer packetId, String why) {
        CompletableFuture<Void> f = awaitingAck.remove(packetId);
        if (f != null) {
            f.completeExceptionally(new PublishFailedException("packet " + packetId + ": " + why));
        }
    }

    private void onSession(SessionEvent ev) {
        SessionState s = ev.getSessionState();
        if (s == SessionState.CONNECTED) {
            generation++;
            connected = true;
            warnedFailure = null;
            LOG.infof("MQTT %s connected (connection %d)", name, generation);
            listener.connected(generation);
        } else if (s == SessionState.DISCONNECTING || s == SessionState.DISCONNECTED) {
            boolean was = connected;
            connected = false;
            if (!was && s == SessionState.DISCONNECTED && ev.getCause() != null) {
                connectFailed(ev.getCause());
            }
            if (s == SessionState.DISCONNECTED) {
                List<CompletableFuture<Void>> lost = new ArrayList<>(awaitingAck.values());
                awaitingAck.clear();
                ackedEarly.clear();
                PublishFailedException e =
                        new PublishFailedException("connection " + generation + " ended before PUBACK");
                lost.forEach(f -> f.completeExceptionally(e));
            }
            if (was) {
                String cause = ev.getCause() == null
                        ? "closed"
                        : String.valueOf(ev.getCause().getMessage());
                lastError = new ConnectionError("connection lost: " + cause, java.time.Instant.now(), false);
                LOG.warnf("MQTT %s disconnected (%s); reconnecting with backoff", name, cause);
                listener.disconnected(cause);
            }
        }
    }

    /**
     * A connection attempt failed: the first failure of a kind after a good connection (or at
     * start) is logged at WARN, its repetitions while retrying at DEBUG.
     */
    private void connectFailed(Throwable cause) {
        ConnectionError e = ConnectionError.of(cause);
        lastError = e;
        if (!e.reason().equals(warnedFailure)) {
            warnedFailure = e.reason();
            LOG.warnf("MQTT %s: %s; retrying with backoff", name, e.reason());
        } else {
            LOG.debugf("MQTT %s: %s (again)", name, e.reason());
        }
    }

    /**
     * Why a connection failed or ended. {@code refused} is true when the broker answered CONNECT
     * with a refusal (bad user name or password, not authorised, ...), which retrying will not fix.
     */
    public record ConnectionError(String reason, java.time.Instant at, boolean refused) {
        static ConnectionError of(Throwable cause) {
            if (cause instanceof io.vertx.mqtt.MqttConnectionException refusal) {
                String code = refusal.code()
                        .name()
                        .replaceFirst("^CONNECTION_REFUSED_", "")
                        .replace('_', ' ')
                        .toLowerCase(java.util.Locale.ROOT);
                return new ConnectionError("connection refused by the broker: " + code, java.time.Instant.now(), true);
            }
            String m = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            return new ConnectionError("cannot connect: " + m, java.time.Instant.now(), false);
        }
    }

    /** The broker did not acknowledge a message. */
    public static final class PublishFailedException extends Exception {
        PublishFailedException(String message) {
            super(message, null, false, false);
        }
    }
}
