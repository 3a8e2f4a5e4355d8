package io.motam.protocol.uplink;

import io.motam.protocol.message.Close;
import io.motam.protocol.message.Command;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The camera connections a gateway holds open, at most {@code max}. A camera that connects again
 * while its older connection still looks alive (the link was cut and the keepalive has not
 * noticed yet) takes over: the older one is closed with CLOSE(SUPERSEDED) and finishes (its
 * files settled) before the new one gets WELCOME. Thread-safe.
 */
public final class ActiveConnections {
    private static final Logger LOG = Logger.getLogger(ActiveConnections.class);
    /** How long a takeover waits for the older connection to finish. */
    static final Duration TAKEOVER_WAIT = Duration.ofSeconds(5);

    private final int max;
    private final List<GatewayConnection> live = new ArrayList<>();

    public ActiveConnections(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1 but was " + max);
        }
        this.max = max;
    }

    /** Adds an authorised connection; false when {@code max} other cameras are connected. */
    public boolean attach(GatewayConnection connection) {
        GatewayConnection older = find(connection.cameraId());
        if (older != null) {
            LOG.infof(
                    "camera %s connected again from %s: closing its older link from %s",
                    connection.cameraId(), connection.peerAddress(), older.peerAddress());
            older.close(Close.Reason.SUPERSEDED);
            if (!older.awaitClosed(TAKEOVER_WAIT)) {
                LOG.warnf(
                        "camera %s: older link %s did not finish within %s",
                        connection.cameraId(), older.peerAddress(), TAKEOVER_WAIT);
            }
        }
        synchronized (this) {
            live.removeIf(r -> r.cameraId().equals(connection.cameraId()));
            if (live.size() >= max) {
                return false;
            }
            live.add(connection);
            return true;
        }
    }

    public synchronized void detach(GatewayConnection connection) {
        live.remove(connection);
    }

    private synchronized GatewayConnection find(String cameraId) {
        for (GatewayConnection r : live) {
            if (r.cameraId().equals(cameraId)) {
                return r;
            }
        }
        return null;
    }

    /** Sends a command to every connected camera; returns how many took it. */
    public int forward(Command command) {
        return forward(cameraId -> command);
    }

    /** Sends each connected camera the command made for it; returns how many took theirs. */
    public int forward(java.util.function.Function<String, Command> commandFor) {
        int sent = 0;
        for (GatewayConnection r : all()) {
            Command command = commandFor.apply(r.cameraId());
            try {
                r.send(command);
                sent++;
            } catch (IOException e) {
                LOG.warnf(
                        "command %s (%s) not delivered to camera %s: %s; it follows the state at reconnect",
                        command.kind(), command.correlationId(), r.cameraId(), e.getMessage());
            }
        }
        return sent;
    }

    public synchronized List<GatewayConnection> all() {
        return List.copyOf(live);
    }

    public synchronized int count() {
        return live.size();
    }

    /** Closes every connection with {@code reason} (e.g. SHUTDOWN). */
    public void closeAll(Close.Reason reason) {
        for (GatewayConnection r : all()) {
            r.close(reason);
        }
    }
}
