package io.motam.gateway.systemd;

import io.motam.systemd.ServiceHeartbeat;
import io.motam.systemd.ServiceNotifier;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Tells systemd ({@code Type=notify}, {@code WatchdogSec=} in {@code motam-gateway.service}) how
 * the gateway is: {@code READY=1} once every readiness check but the broker's is UP (the link
 * server listens; HTTP is already serving when Quarkus announces its start), then
 * {@code WATCHDOG=1} every half watchdog interval while that stays so, and {@code STOPPING=1} at
 * shutdown. The broker is left out, both our {@code broker} check and SmallRye Reactive
 * Messaging's readiness check (its channels are the MQTT ones): the broker may be away (the bridge
 * buffers on disk meanwhile) and a restart of the gateway would not bring it back. Without
 * {@code $NOTIFY_SOCKET} nothing runs.
 */
@ApplicationScoped
public class GatewayServiceNotifications {
    /** Our readiness check of the broker session; may be DOWN without the gateway being unhealthy. */
    static final String BROKER_CHECK = "broker";
    /** Start of the name of SmallRye Reactive Messaging's readiness check (the MQTT channels). */
    static final String MESSAGING_CHECK_PREFIX = "SmallRye Reactive Messaging";

    @Inject
    @Readiness
    Instance<HealthCheck> readiness;

    private ServiceHeartbeat heartbeat;

    void start(@Observes StartupEvent ev) {
        heartbeat = new ServiceHeartbeat(
                ServiceNotifier.fromEnvironment(System.getenv()),
                this::problem,
                "gateway ready",
                ServiceHeartbeat.DEFAULT_START_POLL);
        heartbeat.start();
    }

    void stop(@Observes @Priority(1) ShutdownEvent ev) {
        if (heartbeat != null) {
            heartbeat.stop();
        }
    }

    static boolean brokerDependent(String checkName) {
        return BROKER_CHECK.equals(checkName) || checkName.startsWith(MESSAGING_CHECK_PREFIX);
    }

    /** The names and errors of the readiness checks other than the broker's that are DOWN; empty when none. */
    Optional<String> problem() {
        List<String> down = new ArrayList<>();
        for (HealthCheck check : readiness) {
            HealthCheckResponse r = check.call();
            if (!brokerDependent(r.getName()) && r.getStatus() != HealthCheckResponse.Status.UP) {
                down.add(r.getName()
                        + r.getData()
                                .map(d -> d.get("error"))
                                .map(e -> " (" + e + ")")
                                .orElse(""));
            }
        }
        return down.isEmpty() ? Optional.empty() : Optional.of("DOWN: " + String.join(", ", down));
    }
}
