package io.motam.gateway.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.motam.domain.SystemState;
import io.motam.gateway.audit.AuditLog;
import io.motam.gateway.journal.Cursor;
import io.motam.gateway.journal.EventJournal;
import io.motam.gateway.link.ActiveCameras;
import io.motam.gateway.registry.CameraRegistry;
import io.motam.gateway.state.SystemStateController;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Gauges read from the gateway's parts (Prometheus names after the dots become underscores):
 * {@code motam_journal_entries}, {@code motam_mqtt_pending}, {@code motam_cameras_connected},
 * {@code motam_cameras_authorised}, {@code motam_audit_entries}, {@code motam_system_state{state}}
 * (1 for the current state). Counters live where things happen: decisions in
 * {@code AuthorisationLog}, operator commands in {@link Operator}, link traffic in
 * {@link LinkMetrics}, backup size in {@code BackupBeans}.
 */
@ApplicationScoped
public class GatewayMetrics {
    @Inject
    MeterRegistry registry;

    @Inject
    EventJournal journal;

    @Inject
    @Named("mqtt")
    Cursor cursor;

    @Inject
    ActiveCameras active;

    @Inject
    CameraRegistry cameras;

    @Inject
    AuditLog audit;

    @Inject
    SystemStateController state;

    void register(@Observes StartupEvent ev) {
        Gauge.builder("motam.journal.entries", journal, EventJournal::lastIndex)
                .description("events and results journaled (published to MQTT in order)")
                .register(registry);
        Gauge.builder("motam.mqtt.pending", this, m -> m.journal.lastIndex() - m.cursor.position())
                .description("journal entries not yet acknowledged by the broker")
                .register(registry);
        Gauge.builder("motam.cameras.connected", active, ActiveCameras::count).register(registry);
        Gauge.builder("motam.cameras.authorised", cameras, c -> c.all().size()).register(registry);
        Gauge.builder("motam.audit.entries", audit, AuditLog::lastIndex).register(registry);
        for (SystemState s : SystemState.values()) {
            Gauge.builder("motam.system.state", state, c -> c.status().system() == s ? 1 : 0)
                    .tag("state", s.name())
                    .register(registry);
        }
    }
}
