package io.motam.gateway.state;

import io.motam.domain.CameraMode;
import io.motam.domain.SystemState;
import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of what the gateway knows: the system state it decides, and the camera as last
 * reported. Immutable; the controller swaps whole snapshots.
 */
public record SystemStatus(SystemState system, String cameraId, boolean cameraConnected, CameraMode mode,
        int alertCount, Instant lastSeen, Instant changedAt) {

    public SystemStatus {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(changedAt, "changedAt");
    }

    public static SystemStatus initial(Instant now) {
        return new SystemStatus(SystemState.RUNNING, null, false, null, 0, null, now);
    }

    SystemStatus withSystem(SystemState s, Instant now) {
        return new SystemStatus(s, cameraId, cameraConnected, mode, alertCount, lastSeen, now);
    }

    SystemStatus withCamera(String id, boolean connected, Instant now) {
        return new SystemStatus(system, id, connected, mode, alertCount, connected ? now : lastSeen, now);
    }

    SystemStatus withMode(CameraMode m, int alerts, Instant now) {
        return new SystemStatus(system, cameraId, cameraConnected, m, alerts, now, now);
    }
}
