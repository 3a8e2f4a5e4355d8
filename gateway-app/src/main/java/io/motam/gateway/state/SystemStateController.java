package io.motam.gateway.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.motam.domain.CameraMode;
import io.motam.domain.CommandKind;
import io.motam.domain.SystemState;
import io.motam.gateway.config.GatewayConfig;
import io.motam.gateway.release.ReleaseGuard;
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
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
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
 *   RUNNING --camera reports BLOCKED--> BLOCKED --release (+ code when configured)--> RUNNING
 *   stop and resume need the code too when motam.gateway.release.required-for-stop-resume=true
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

    @Inject
    ReleaseGuard guard;

    @Inject
    GatewayConfig gateway;

    private final Clock clock = Clock.systemUTC();
    private volatile SystemStatus status;
    /** The status to announce once the monitor is released (guarded by this). */
    private SystemStatus toFire;
    /** Orders announcements: taken before the monitor is released, so changes are fired in commit order. */
    private final ReentrantLock firing = new ReentrantLock(true);

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

    /** The current status (no lock: observers of {@link SystemStatus} may call it). */
    public SystemStatus status() {
        return status;
    }

    /** A code check that let one command through, for the thread that asked (see {@link #authorise}). */
    private record Ticket(CommandKind kind, long expiresNanos) {
    }

    /** How long a ticket from {@link #authorise} stays valid. */
    static final long TICKET_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    private final ThreadLocal<Ticket> tickets = new ThreadLocal<>();

    /**
     * Applies an operator command without a code; refused commands change nothing. When the
     * command needs the release code, it is refused unless the same thread passed
     * {@link #authorise} for it just before.
     */
    public CommandOutcome command(CommandKind kind) {
        return command(kind, null);
    }

    /**
     * For callers that check the code first and apply the command after (the MQTT hook
     * {@code OperatorCommands.checkCode} followed by {@link #command(CommandKind)}): checks that
     * the command fits the state, then the code; on success the next {@link #command(CommandKind)}
     * of the same kind on this thread within 5 s passes without a code. Wipe {@code code} after.
     */
    public synchronized CommandOutcome authorise(CommandKind kind, char[] code) {
        tickets.remove();
        SystemState expected = expectedFor(kind);
        if (status.system() != expected) {
            return CommandOutcome.refused("expected " + expected + " but was " + status.system());
        }
        if (!needsCode(kind)) {
            return CommandOutcome.ok();
        }
        ReleaseGuard.Check check = guard.check(code, kind.name().toLowerCase(java.util.Locale.ROOT));
        if (!check.allowed()) {
            return CommandOutcome.refused(check.reason());
        }
        tickets.set(new Ticket(kind, System.nanoTime() + TICKET_NANOS));
        return CommandOutcome.ok();
    }

    /**
     * Applies an operator command, checking {@code code} (may be {@code null}; wiped by the
     * caller) when the command needs the release code. The state guard comes first: a command
     * that does not fit the state is refused without spending a code attempt.
     */
    public CommandOutcome command(CommandKind kind, char[] code) {
        return mutate(() -> commandLocked(kind, code));
    }

    private CommandOutcome commandLocked(CommandKind kind, char[] code) {
        Ticket ticket = tickets.get();
        tickets.remove();
        SystemState now = status.system();
        SystemState expected = expectedFor(kind);
        if (now != expected) {
            return CommandOutcome.refused("expected " + expected + " but was " + now);
        }
        boolean ticketed = code == null && ticket != null && ticket.kind() == kind
                && System.nanoTime() - ticket.expiresNanos() < 0;
        if (needsCode(kind) && !ticketed) {
            ReleaseGuard.Check check = guard.check(code, kind.name().toLowerCase(java.util.Locale.ROOT));
            if (!check.allowed()) {
                return CommandOutcome.refused(check.reason());
            }
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
    public void cameraMode(String cameraId, CameraMode mode, int alertCount) {
        mutate(() -> {
            cameraModeLocked(cameraId, mode, alertCount);
            return null;
        });
    }

    private void cameraModeLocked(String cameraId, CameraMode mode, int alertCount) {
        SystemStatus updated = status.withMode(mode, alertCount, clock.instant());
        if (mode == CameraMode.BLOCKED && status.system() == SystemState.RUNNING) {
            updated = updated.withSystem(SystemState.BLOCKED, clock.instant());
            LOG.warnf("system RUNNING -> BLOCKED: camera %s blocked after %d alerts", cameraId, alertCount);
        }
        commit(updated);
    }

    private static SystemState expectedFor(CommandKind kind) {
        return switch (kind) {
            case STOP -> SystemState.RUNNING;
            case RESUME -> SystemState.STOPPED;
            case RELEASE -> SystemState.BLOCKED;
        };
    }

    /** Whether this command must carry the release code under the current configuration. */
    public boolean needsCode(CommandKind kind) {
        return guard.protectedByCode()
                && (kind == CommandKind.RELEASE || gateway.release().requiredForStopResume());
    }

    public void cameraLink(String cameraId, boolean connected) {
        mutate(() -> {
            commit(status.withCamera(cameraId, connected, clock.instant()));
            LOG.infof("camera %s %s", cameraId, connected ? "connected" : "disconnected");
            return null;
        });
    }

    /**
     * Runs a change under the monitor, then announces the committed status after releasing it,
     * so an observer never runs while the controller is locked (observers must not change the
     * state themselves).
     */
    private <T> T mutate(Supplier<T> change) {
        T result;
        SystemStatus fire;
        synchronized (this) {
            result = change.get();
            fire = toFire;
            toFire = null;
            if (fire != null) {
                firing.lock();
            }
        }
        if (fire != null) {
            try {
                changes.fire(fire);
            } finally {
                firing.unlock();
            }
        }
        return result;
    }

    /** Persists and adopts a new status (under the monitor); it is announced by {@link #mutate}. */
    private void commit(SystemStatus updated) {
        persist(updated);
        status = updated;
        toFire = updated;
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
