package io.motam.gateway.state;

import io.motam.domain.CameraMode;
import io.motam.domain.SystemState;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A snapshot of what the gateway knows: every camera it has heard of, keyed by camera id, whether
 * the operator stopped all cameras, and the system state derived from them by {@link #derive}.
 * Immutable; the controller swaps whole snapshots.
 *
 * @param stoppedAll the operator stopped all cameras (a camera heard of later starts stopped);
 *                   cleared by a resume of all or of any one camera
 */
public record SystemStatus(
        SystemState system, boolean stoppedAll, SortedMap<String, CameraStatus> cameras, Instant changedAt) {

    public SystemStatus {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(changedAt, "changedAt");
        cameras = Collections.unmodifiableSortedMap(new TreeMap<>(cameras));
        SystemState derived = derive(stoppedAll, cameras.values());
        if (system != derived) {
            throw new IllegalArgumentException("expected the derived system state " + derived + " but was " + system);
        }
    }

    /**
     * The system state rule, the one place it is decided:
     * <ol>
     * <li>any camera BLOCKED → BLOCKED;</li>
     * <li>else the operator stopped all cameras, or every known camera (at least one) is stopped → STOPPED;</li>
     * <li>else RUNNING.</li>
     * </ol>
     */
    public static SystemState derive(boolean stoppedAll, Collection<CameraStatus> cameras) {
        if (cameras.stream().anyMatch(c -> c.state() == SystemState.BLOCKED)) {
            return SystemState.BLOCKED;
        }
        if (stoppedAll || (!cameras.isEmpty() && cameras.stream().allMatch(c -> c.state() == SystemState.STOPPED))) {
            return SystemState.STOPPED;
        }
        return SystemState.RUNNING;
    }

    static SystemStatus of(boolean stoppedAll, Map<String, CameraStatus> cameras, Instant changedAt) {
        return new SystemStatus(derive(stoppedAll, cameras.values()), stoppedAll, new TreeMap<>(cameras), changedAt);
    }

    public static SystemStatus initial(Instant now) {
        return of(false, Map.of(), now);
    }

    public Optional<CameraStatus> camera(String id) {
        return Optional.ofNullable(cameras.get(id));
    }

    /** Whether any camera is in ALERT now. */
    public boolean anyAlert() {
        return cameras.values().stream().anyMatch(c -> c.mode() == CameraMode.ALERT);
    }

    /** The only camera when exactly one is known (the one-camera summary of the state topic and the API). */
    public Optional<CameraStatus> onlyCamera() {
        return cameras.size() == 1 ? Optional.of(cameras.get(cameras.firstKey())) : Optional.empty();
    }

    SystemStatus with(CameraStatus camera, Instant now) {
        SortedMap<String, CameraStatus> next = new TreeMap<>(cameras);
        next.put(camera.id(), camera);
        return of(stoppedAll, next, now);
    }

    SystemStatus with(boolean nowStoppedAll, Map<String, CameraStatus> next, Instant now) {
        return of(nowStoppedAll, next, now);
    }
}
