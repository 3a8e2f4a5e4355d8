package io.motam.camera.systemd;

import io.motam.camera.pipeline.CameraLoop;
import io.motam.systemd.ServiceHeartbeat;
import io.motam.systemd.ServiceNotifier;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;

/**
 * Tells systemd ({@code Type=notify}, {@code WatchdogSec=} in {@code motam-camera.service}) how
 * the camera is: {@code READY=1} once started, {@code WATCHDOG=1} every half watchdog interval
 * while the vision thread makes progress ({@link CameraLoop#stalled}: a frame read within one
 * watchdog interval, or a deliberate wait such as a camera retry backoff), {@code STOPPING=1} at
 * shutdown. A hung camera read stops the pings and systemd restarts the service. Without
 * {@code $NOTIFY_SOCKET} nothing runs.
 */
@ApplicationScoped
public class CameraServiceNotifications {
    @Inject
    CameraLoop loop;

    private ServiceHeartbeat heartbeat;

    void start(@Observes StartupEvent ev) {
        ServiceNotifier notifier = ServiceNotifier.fromEnvironment(System.getenv());
        Duration stallLimit = notifier.watchdog().orElse(Duration.ofMinutes(1));
        heartbeat = new ServiceHeartbeat(
                notifier, () -> problem(stallLimit), "camera started", ServiceHeartbeat.DEFAULT_START_POLL);
        heartbeat.start();
    }

    private Optional<String> problem(Duration stallLimit) {
        return loop.stalled(stallLimit);
    }

    void stop(@Observes @Priority(1) ShutdownEvent ev) {
        if (heartbeat != null) {
            heartbeat.stop();
        }
    }
}
