package io.motam.gateway.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.motam.domain.CameraMode;
import io.motam.domain.CommandKind;
import io.motam.domain.SystemState;
import io.motam.gateway.config.GatewayConfig;
import io.motam.gateway.release.ReleaseGuard;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Owns the state of every camera (RUNNING, STOPPED, BLOCKED) and the system state derived from
 * them ({@link SystemStatus#derive}: any camera BLOCKED → BLOCKED). Every transition is guarded
 * ("expected X but was Y"), persisted atomically ({@link StateFile}) before it is announced, and
 * fired as a CDI event of {@link SystemStatus}. A BLOCKED camera stays blocked across restarts.
 *
 * <pre>
 *   per camera:  RUNNING --stop--> STOPPED --resume--> RUNNING
 *                any state --the camera reports BLOCKED--> BLOCKED --release (+ code)--> RUNNING
 *   a command addresses one camera (its state is guarded) or all ({@code *}: the derived system
 *   state is guarded; stop stops every camera and those heard of later, resume resumes every
 *   stopped one, release releases every blocked one); an unaddressed command means all on a
 *   one-camera gateway and is refused on one that takes several
 *   stop and resume need the code too while an addressed camera is, or was, alarmed, or always
 *   with motam.gateway.release.required-for-stop-resume=true
 * </pre>
 *
 * Each camera has a release epoch: the number of releases authorised for it, persisted here and
 * sent in WELCOME and RELEASE (protocol 4), so a camera can tell a release of its own block from
 * an older one.
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
    private StateFile file;
    private volatile SystemStatus status;
    /** The status to announce once the monitor is released (guarded by this). */
    private SystemStatus toFire;
    /** Orders announcements: taken before the monitor is released, so changes are fired in commit order. */
    private final ReentrantLock firing = new ReentrantLock(true);

    @PostConstruct
    void load() {
        file = new StateFile(mapper, dataDir.resolve("state.json"));
        status = SystemStatus.initial(clock.instant());
        var loaded = file.read(clock.instant());
        if (loaded.isPresent()) {
            status = loaded.get().status();
            if (loaded.get().migrated()) {
                persist(status);
                LOG.infof(
                        "state file %s migrated from the one-camera form: %d camera(s)",
                        file.path(), status.cameras().size());
            }
        }
        LOG.infof(
                "system state %s (cameras %s)",
                status.system(), status.cameras().keySet());
    }

    /** The current status (no lock: observers of {@link SystemStatus} may call it). */
    public SystemStatus status() {
        return status;
    }

    /**
     * Resolves a command's addressee: an unaddressed command means all cameras on a one-camera
     * gateway; on a gateway that takes several it must name one camera or all.
     *
     * @throws IllegalArgumentException with a reason safe to show
     */
    public CameraTarget resolve(CameraTarget target) {
        if (target.kind() != CameraTarget.Kind.UNADDRESSED) {
            return target;
        }
        if (gateway.maxCameras() <= 1) {
            return CameraTarget.ALL;
        }
        throw new IllegalArgumentException("this gateway takes " + gateway.maxCameras()
                + " cameras: name one camera or \"" + CameraTarget.ALL_TOKEN + "\" for all");
    }

    /**
     * Applies an operator command to the cameras {@code target} addresses, checking {@code code}
     * (may be {@code null}; wiped by the caller) when the command needs the release code. The state
     * guard comes first: a command that does not fit the state is refused without spending a code
     * attempt. Wrong codes count toward the lockout of {@code domain} ("local" or "mqtt") only.
     * Callers go through the gateway's {@code Operator}, which audits and meters every command.
     */
    public CommandOutcome command(CommandKind kind, CameraTarget target, char[] code, String domain) {
        return mutate(() -> commandLocked(kind, target, code, domain));
    }

    private CommandOutcome commandLocked(CommandKind kind, CameraTarget given, char[] code, String domain) {
        CameraTarget target;
        try {
            target = resolve(given);
        } catch (IllegalArgumentException e) {
            return CommandOutcome.refused(e.getMessage());
        }
        SystemState expected = expectedFor(kind);
        SystemState now;
        if (target.kind() == CameraTarget.Kind.ONE) {
            var camera = status.camera(target.cameraId());
            if (camera.isEmpty()) {
                return CommandOutcome.refused("camera " + target.cameraId() + " is not known");
            }
            now = camera.get().state();
        } else {
            now = status.system();
        }
        if (now != expected) {
            return CommandOutcome.refused("expected " + expected + " but was " + now
                    + (target.kind() == CameraTarget.Kind.ONE ? " (camera " + target.cameraId() + ")" : ""));
        }
        if (needsCode(kind, target)) {
            ReleaseGuard.Check check = guard.check(code, kind.name().toLowerCase(Locale.ROOT), domain);
            if (!check.allowed()) {
                return CommandOutcome.refused(check.reason());
            }
        }
        Map<String, CameraStatus> next = new TreeMap<>(status.cameras());
        boolean stoppedAll = status.stoppedAll();
        for (CameraStatus c : addressed(target)) {
            switch (kind) {
                case STOP -> {
                    if (c.state() == SystemState.RUNNING) {
                        next.put(c.id(), c.withState(SystemState.STOPPED));
                    }
                }
                case RESUME -> {
                    if (c.state() == SystemState.STOPPED) {
                        next.put(c.id(), c.withState(SystemState.RUNNING));
                    }
                }
                case RELEASE -> {
                    if (c.state() == SystemState.BLOCKED) {
                        next.put(c.id(), c.released());
                    }
                }
            }
        }
        if (target.kind() == CameraTarget.Kind.ALL && kind == CommandKind.STOP) {
            stoppedAll = true;
        } else if (kind == CommandKind.RESUME) {
            stoppedAll = false; // a resume of one camera ends "all stopped"; the others stay stopped one by one
        }
        SystemStatus updated = status.with(stoppedAll, next, clock.instant());
        commit(updated);
        LOG.infof("%s of %s: system %s -> %s", kind, target.label(), now, updated.system());
        return CommandOutcome.ok();
    }

    /** The cameras a resolved target addresses. */
    private List<CameraStatus> addressed(CameraTarget target) {
        return target.kind() == CameraTarget.Kind.ONE
                ? status.camera(target.cameraId()).stream().toList()
                : List.copyOf(status.cameras().values());
    }

    /** The release epoch of {@code cameraId}: how many releases were authorised for it (0 at first). */
    public long releaseEpoch(String cameraId) {
        return status.camera(cameraId).map(CameraStatus::releaseEpoch).orElse(0L);
    }

    /**
     * The state WELCOME tells {@code cameraId}: its own, or for a camera not heard of yet, STOPPED
     * while the operator stopped all and RUNNING otherwise.
     */
    public SystemState cameraState(String cameraId) {
        SystemStatus s = status;
        return s.camera(cameraId)
                .map(CameraStatus::state)
                .orElse(s.stoppedAll() ? SystemState.STOPPED : SystemState.RUNNING);
    }

    /**
     * The camera reported a mode; BLOCKED from the camera blocks that camera (and so the system).
     * A camera leaves BLOCKED here only by a release command, never by what it reports.
     */
    public void cameraMode(String cameraId, CameraMode mode, int alertCount) {
        mutate(() -> {
            CameraStatus before = known(cameraId);
            CameraStatus after = before.withMode(mode, alertCount, clock.instant());
            if (mode == CameraMode.BLOCKED && before.state() != SystemState.BLOCKED) {
                after = after.withState(SystemState.BLOCKED);
                LOG.warnf(
                        "camera %s -> BLOCKED after %d alerts (system %s -> BLOCKED)",
                        cameraId, alertCount, status.system());
            }
            commit(status.with(after, clock.instant()));
            return null;
        });
    }

    public void cameraLink(String cameraId, boolean connected) {
        mutate(() -> {
            commit(status.with(known(cameraId).withLink(connected, clock.instant()), clock.instant()));
            LOG.infof("camera %s %s", cameraId, connected ? "connected" : "disconnected");
            return null;
        });
    }

    private CameraStatus known(String cameraId) {
        return status.camera(cameraId).orElseGet(() -> CameraStatus.first(cameraId, status.stoppedAll()));
    }

    private static SystemState expectedFor(CommandKind kind) {
        return switch (kind) {
            case STOP -> SystemState.RUNNING;
            case RESUME -> SystemState.STOPPED;
            case RELEASE -> SystemState.BLOCKED;
        };
    }

    /** Whether this command to all cameras (or the one of a one-camera gateway) must carry the release code now. */
    public boolean needsCode(CommandKind kind) {
        return needsCode(kind, CameraTarget.ALL);
    }

    /**
     * Whether this command must carry the release code now: a release always; stop and resume
     * when configured so, or while an addressed camera is in ALERT or BLOCKED or was stopped with
     * alerts (so that stop and resume cannot wipe an alarm). Without a configured code (only
     * outside {@code %prod}) nothing does.
     */
    public boolean needsCode(CommandKind kind, CameraTarget target) {
        if (!guard.protectedByCode()) {
            return false;
        }
        SystemStatus s = status;
        boolean alarmed = target.kind() == CameraTarget.Kind.ONE
                ? s.camera(target.cameraId()).map(CameraStatus::alarmed).orElse(false)
                : s.cameras().values().stream().anyMatch(CameraStatus::alarmed);
        return kind == CommandKind.RELEASE || gateway.release().requiredForStopResume() || alarmed;
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
        try {
            file.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot persist system state to " + file.path(), e);
        }
    }
}
