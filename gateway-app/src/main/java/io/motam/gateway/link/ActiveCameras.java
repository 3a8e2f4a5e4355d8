package io.motam.gateway.link;

import io.motam.domain.CommandKind;
import io.motam.gateway.config.GatewayConfig;
import io.motam.protocol.message.Close;
import io.motam.protocol.message.Command;
import io.motam.protocol.uplink.ActiveConnections;
import io.motam.protocol.uplink.GatewayConnection;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * The camera connections open now, at most {@code motam.gateway.max-cameras}; a camera that
 * reconnects replaces its older connection. A command goes to the cameras it addresses.
 */
@ApplicationScoped
public class ActiveCameras {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ActiveCameras.class);

    @Inject
    GatewayConfig config;

    private ActiveConnections connections;

    @PostConstruct
    void init() {
        connections = new ActiveConnections(config.maxCameras());
    }

    boolean attach(GatewayConnection connection) {
        return connections.attach(connection);
    }

    void detach(GatewayConnection connection) {
        connections.detach(connection);
    }

    public int count() {
        return connections.count();
    }

    /** The ids of the cameras connected now. */
    public List<String> cameraIds() {
        return connections.all().stream().map(GatewayConnection::cameraId).toList();
    }

    /**
     * Sends a command to every connected camera that {@code addressed} accepts, a RELEASE with that
     * camera's release epoch from {@code releaseEpoch}; returns how many took it. A camera that
     * misses it follows its state at the next WELCOME.
     */
    public int forward(
            CommandKind kind, String correlationId, Predicate<String> addressed, ToLongFunction<String> releaseEpoch) {
        int sent = 0;
        for (GatewayConnection r : connections.all()) {
            String cameraId = r.cameraId();
            if (!addressed.test(cameraId)) {
                continue;
            }
            try {
                r.send(new Command(
                        kind, correlationId, kind == CommandKind.RELEASE ? releaseEpoch.applyAsLong(cameraId) : 0));
                sent++;
            } catch (IOException e) {
                LOG.warnf(
                        "command %s (%s) not delivered to camera %s: %s; it follows the state at reconnect",
                        kind, correlationId, cameraId, e.getMessage());
            }
        }
        return sent;
    }

    /** Ends every connection of {@code cameraId} with {@code reason}; returns whether there was one. */
    public boolean disconnect(String cameraId, Close.Reason reason) {
        boolean any = false;
        for (GatewayConnection r : connections.all()) {
            if (r.cameraId().equals(cameraId)) {
                r.close(reason);
                any = true;
            }
        }
        return any;
    }

    void closeAll() {
        connections.closeAll(Close.Reason.SHUTDOWN);
    }
}
