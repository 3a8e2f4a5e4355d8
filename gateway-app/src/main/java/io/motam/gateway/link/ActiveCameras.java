package io.motam.gateway.link;

import io.motam.domain.CommandKind;
import io.motam.gateway.config.GatewayConfig;
import io.motam.protocol.message.Close;
import io.motam.protocol.message.Command;
import io.motam.protocol.uplink.ActiveUplinks;
import io.motam.protocol.uplink.GatewayConnection;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The camera connections open now, at most {@code motam.gateway.max-cameras}; a camera that
 * reconnects replaces its older connection. Commands go to all of them.
 */
@ApplicationScoped
public class ActiveCameras {
    @Inject
    GatewayConfig config;

    private ActiveUplinks uplinks;

    @PostConstruct
    void init() {
        uplinks = new ActiveUplinks(config.maxCameras());
    }

    boolean attach(GatewayConnection receiver) {
        return uplinks.attach(receiver);
    }

    void detach(GatewayConnection receiver) {
        uplinks.detach(receiver);
    }

    public int count() {
        return uplinks.count();
    }

    /** The ids of the cameras connected now. */
    public List<String> cameraIds() {
        return uplinks.all().stream().map(GatewayConnection::cameraId).toList();
    }

    /**
     * Sends a command to every connected camera, a RELEASE with that camera's release epoch from
     * {@code releaseEpoch}; returns how many took it.
     */
    public int forward(CommandKind kind, String correlationId, ToLongFunction<String> releaseEpoch) {
        return uplinks.forward(cameraId -> new Command(kind, correlationId,
                kind == CommandKind.RELEASE ? releaseEpoch.applyAsLong(cameraId) : 0));
    }

    /** Ends every connection of {@code cameraId} with {@code reason}; returns whether there was one. */
    public boolean disconnect(String cameraId, Close.Reason reason) {
        boolean any = false;
        for (GatewayConnection r : uplinks.all()) {
            if (r.cameraId().equals(cameraId)) {
                r.close(reason);
                any = true;
            }
        }
        return any;
    }

    void closeAll() {
        uplinks.closeAll(Close.Reason.SHUTDOWN);
    }
}
