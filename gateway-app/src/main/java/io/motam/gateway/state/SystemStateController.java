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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
 *   any state --a camera reports BLOCKED--> BLOCKED --release (+ code)--> RUNNING
 *   stop and resume need the code too while a camera is in ALERT (or stopped with alerts),
 *   or always with motam.gateway.release.required-for-stop-resume=true
 * </pre>
 *
 * Each camera has a release epoch: the number of releases authorised for it, persisted here and
 * sent in WELCOME and RELEASE (protocol 4). A release raises the epoch of every camera known to be
 * blocked, so a camera can tell a release of its own block from an older one.
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
    /** Release epochs per camera (immutable, swapped under the monitor). */
    private volatile Map<String, Long> releaseEpochs = Map.of();
    /** Cameras that reported BLOCKED and were not released since (immutable, under the monitor). */
    private volatile Set<String> blocked = Set.of();
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
                Map<String, Long> epochs = new TreeMap<>();
                n.path("releaseEpochs").fields().forEachRemaining(f -> epochs.put(f.getKey(), f.getValue().asLong()));
                releaseEpochs = Map.copyOf(epochs);
                Set<String> b = new TreeSet<>();
                n.path("blockedCameras").forEach(id -> b.add(id.asText()));
                blocked = Set.copyOf(b);
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

    /**
     * Applies an operator command, checking {@code code} (may be {@code null}; wiped by the
     * caller) when the command needs the release code. The state guard comes first: a command
     * that does not fit the state is refused without spending a code attempt. Wrong codes count
     * toward the lockout of {@code domain} ("local" or "mqtt") only. Callers go through the
     * gateway's {@code Operator}, which audits and meters every command.
     */
    public CommandOutcome command(CommandKind kind, char[] code, String domain) {
        return mutate(() -> commandLocked(kind, code, domain));
    }

    private CommandOutcome commandLocked(CommandKind kind, char[] code, String domain) {
        SystemState now = status.system();
        SystemState expected = expectedFor(kind);
        if (now != expected) {
            return CommandOutcome.refused("expected " + expected + " but was " + now);
        }
        if (needsCode(kind)) {
            ReleaseGuard.Check check = guard.check(code, kind.name().toLowerCase(java.util.Locale.ROOT), domain);
            if (!check.allowed()) {
                return CommandOutcome.refused(check.reason());
            }
        }
        SystemState next = kind == CommandKind.STOP ? SystemState.STOPPED : SystemState.RUNNING;
        SystemStatus updated = status.withSystem(next, clock.instant());
        Map<String, Long> epochs = releaseEpochs;
        if (kind == CommandKind.RELEASE) {
            updated = updated.withMode(CameraMode.NORMAL, 0, clock.instant());
            epochs = new TreeMap<>(releaseEpochs);
            Set<String> released = blocked.isEmpty() && status.cameraId() != null ? Set.of(status.cameraId()) : blocked;
            for (String id : released) {
                epochs.merge(id, 1L, Long::sum);
            }
        }
        commit(updated, epochs, kind == CommandKind.RELEASE ? Set.of() : blocked);
        LOG.infof("system %s -> %s by command %s", now, next, kind);
        return CommandOutcome.ok();
    }

    /** The release epoch of {@code cameraId}: how many releases were authorised for it (0 at first). */
    public long releaseEpoch(String cameraId) {
        return releaseEpochs.getOrDefault(cameraId, 0L);
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
        Set<String> nowBlocked = blocked;
        if (mode == CameraMode.BLOCKED) {
            nowBlocked = new TreeSet<>(blocked);
            nowBlocked.add(cameraId);
            if (status.system() != SystemState.BLOCKED) {
                updated = updated.withSystem(SystemState.BLOCKED, clock.instant());
                LOG.warnf("system %s -> BLOCKED: camera %s blocked after %d alerts", status.system(), cameraId, alertCount);
            }
        } else if (blocked.contains(cameraId)) {
            nowBlocked = new TreeSet<>(blocked);
            nowBlocked.remove(cameraId); // the camera left its block (a release it was given)
        }
        commit(updated, releaseEpochs, nowBlocked);
    }

    private static SystemState expectedFor(CommandKind kind) {
        return switch (kind) {
            case STOP -> SystemState.RUNNING;
            case RESUME -> SystemState.STOPPED;
            case RELEASE -> SystemState.BLOCKED;
        };
    }

    /**
     * Whether this command must carry the release code now: a release always; stop and resume
     * when configured so, or while the camera is in ALERT or BLOCKED or was stopped with alerts
     * (so that stop and resume cannot wipe an alarm). Without a configured code (only outside
     * {@code %prod}) nothing does.
     */
    public boolean needsCode(CommandKind kind) {
        if (!guard.protectedByCode()) {
            return false;
        }
        SystemStatus s = status;
        boolean alarmed = s.mode() == CameraMode.ALERT || s.mode() == CameraMode.BLOCKED || s.alertCount() > 0
                || s.system() == SystemState.BLOCKED;
        return kind == CommandKind.RELEASE || gateway.release().requiredForStopResume() || alarmed;
    }

    public void cameraLink(String cameraId, boolean connected) {
        mutate(() -> {
            commit(status.withCamera(cameraId, connected, clock.instant()), releaseEpochs, blocked);
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
    private void commit(SystemStatus updated, Map<String, Long> epochs, Set<String> nowBlocked) {
        persist(updated, epochs, nowBlocked);
        status = updated;
        releaseEpochs = Map.copyOf(epochs);
        blocked = Set.copyOf(nowBlocked);
        toFire = updated;
    }

    private void persist(SystemStatus s, Map<String, Long> epochs, Set<String> nowBlocked) {
        ObjectNode n = mapper.createObjectNode();
        n.put("system", s.system().name());
        n.put("camera", s.cameraId());
        n.put("mode", s.mode() == null ? null : s.mode().name());
        n.put("alertCount", s.alertCount());
        n.put("lastSeen", s.lastSeen() == null ? null : s.lastSeen().toString());
        ObjectNode epochNode = n.putObject("releaseEpochs");
        new TreeMap<>(epochs).forEach(epochNode::put);
        nowBlocked.stream().sorted().forEach(n.putArray("blockedCameras")::add);
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
