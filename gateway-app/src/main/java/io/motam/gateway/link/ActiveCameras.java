package io.motam.gateway.link;

import io.motam.domain.CommandKind;
import io.motam.gateway.config.GatewayConfig;
import io.motam.protocol.message.Command;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/** The camera sessions connected now, at most {@code motam.gateway.max-cameras}. */
@ApplicationScoped
public class ActiveCameras {
    private static final Logger LOG = Logger.getLogger(ActiveCameras.class);

    @Inject
    GatewayConfig config;

    private final List<CameraSession> sessions = new ArrayList<>();

    synchronized boolean register(CameraSession s) {
        if (sessions.size() >= config.maxCameras()) {
            return false;
        }
        sessions.add(s);
        return true;
    }

    synchronized void unregister(CameraSession s) {
        sessions.remove(s);
    }

    public synchronized int count() {
        return sessions.size();
    }

    /** Sends a command to every connected camera; returns how many received it. */
    public int forward(CommandKind kind, String correlationId) {
        List<CameraSession> now;
        synchronized (this) {
            now = List.copyOf(sessions);
        }
        int sent = 0;
        for (CameraSession s : now) {
            try {
                s.send(new Command(kind, correlationId));
                sent++;
            } catch (IOException e) {
                LOG.warnf("command %s (%s) not delivered to camera %s: %s; it follows the state at reconnect",
                        kind, correlationId, s.cameraId(), e.getMessage());
                s.close();
            }
        }
        return sent;
    }

    synchronized void closeAll() {
        for (CameraSession s : sessions) {
            s.close();
        }
    }
}
