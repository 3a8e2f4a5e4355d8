package io.motam.gateway.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.motam.domain.CameraMode;
import io.motam.domain.CommandKind;
import io.motam.domain.SystemState;
import io.motam.storage.AtomicFiles;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Owns the system state (RUNNING, STOPPED, BLOCKED) and what is known of the camera. Every
 * transition is guarded ("expected X but was Y"), persisted atomically before it is announced,
 * and fired as a CDI event of {@link SystemStatus}. A BLOCKED system stays blocked across
 * restarts.
 *
 * <pre>
 *   RUNNING --stop--> STOPPED --resume--> RUNNING
 *   RUNNING --camera reports BLOCKED--> BLOCKED --release--> RUNNING
 * </pre>
 */
@ApplicationScoped
public class SystemStateController {
    private static final Logger LOG = Logger.getLogger(SystemStateController.class);

    @Inject
    ObjectMapper mapper;

    @Inject
    Event<SystemStatus> changes;

    @ConfigProperty(name = "motam.data-dir")
    Path dataDir;

    private final Clock clock = Clock.systemUTC();
    private SystemStatus status;

    @PostConstruct
    void load() {
        Path file = file();
        status = SystemStatus.initial(clock.instant());
        if (Files.exists(file)) {
            try {
                ObjectNode n = (ObjectNode) mapper.readTree(Files.readAllBytes(file));
                SystemState s = SystemState.valueOf(n.path("system").asText("RUNNING"));
                status = new SystemStatus(s, n.hasNonNull("camera") ? n.get("camera").asText() : null, false,
                        n.hasNonNull("mode") ? CameraMode.valueOf(n.get("mode").asText()) : null,
                        n.path("alertCount").asInt(0),
                        n.hasNonNull("lastSeen") ? Instant.parse(n.get("lastSeen").asText()) : null, clock.instant());
            } catch (IOException | RuntimeException e) {
                // an unreadable state file must not open a blocked system: fail loudly
                throw new IllegalStateException("state file " + file + " is unreadable; fix or remove it: " + e.getMessage(), e);
            }
        }
        LOG.infof("system state %s (camera %s, mode %s)", status.system(), status.cameraId(), status.mode());
    }

    public synchronized SystemStatus status() {
        return status;
    }

    /** Applies an operator command; refused commands change nothing. */
    public synchronized CommandOutcome command(CommandKind kind) {
        SystemState now = status.system();
        SystemState expected = switch (kind) {
            case STOP -> SystemState.RUNNING;
            case RESUME -> SystemState.STOPPED;
            case RELEASE -> SystemState.BLOCKED;
        };
        if (now != expected) {
            return CommandOutcome.refused("expected " + expected + " but was " + now);
        }
        SystemState next = kind == CommandKind.STOP ? SystemState.STOPPED : SystemState.RUNNING;
        SystemStatus updated = status.withSystem(next, clock.instant());
        if (kind == CommandKind.RELEASE) {
            updated = updated.withMode(CameraMode.NORMAL, 0, clock.instant());
        }
        commit(updated);
        LOG.infof("system %s -> %s by command %s", now, next, kind);
        return CommandOutcome.ok();
    }

    /** The camera reported a mode; BLOCKED from the camera blocks the system. */
    public synchronized void cameraMode(String cameraId, CameraMode mode, int alertCount) {
        SystemStatus updated = status.withMode(mode, alertCount, clock.instant());
        if (mode == CameraMode.BLOCKED && status.system() == SystemState.RUNNING) {
            updated = updated.withSystem(SystemState.BLOCKED, clock.instant());
            LOG.warnf("system RUNNING -> BLOCKED: camera %s blocked after %d alerts", cameraId, alertCount);
        }
        commit(updated);
    }

    public synchronized void cameraLink(String cameraId, boolean connected) {
        commit(status.withCamera(cameraId, connected, clock.instant()));
        LOG.infof("camera %s %s", cameraId, connected ? "connected" : "disconnected");
    }

    private void commit(SystemStatus updated) {
        persist(updated);
        status = updated;
        changes.fire(updated);
    }

    private void persist(SystemStatus s) {
        ObjectNode n = mapper.createObjectNode();
        n.put("system", s.system().name());
        n.put("camera", s.cameraId());
        n.put("mode", s.mode() == null ? null : s.mode().name());
        n.put("alertCount", s.alertCount());
        n.put("lastSeen", s.lastSeen() == null ? null : s.lastSeen().toString());
        try {
            AtomicFiles.write(file(), mapper.writeValueAsBytes(n), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot persist system state to " + file(), e);
        }
    }

    private Path file() {
        return dataDir.resolve("state.json");
    }
}
