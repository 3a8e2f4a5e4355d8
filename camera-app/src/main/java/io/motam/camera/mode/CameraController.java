package io.motam.camera.mode;

import io.motam.camera.config.CameraConfig;
import io.motam.domain.CameraMode;
import io.motam.domain.SystemState;
import io.motam.domain.Verdict;
import io.motam.protocol.delivery.Outbox;
import io.motam.protocol.message.Command;
import io.motam.protocol.message.Event;
import io.motam.protocol.message.ModeChanged;
import io.motam.protocol.message.Recognition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Owns the camera's {@link ModeMachine}: the vision loop reports recognitions, the uplink
 * reports the gateway's commands and state; every decision and transition becomes a numbered
 * event in the outbox. All calls are serialised here.
 */
@ApplicationScoped
public class CameraController {
    private static final Logger LOG = Logger.getLogger(CameraController.class);

    @Inject
    Outbox outbox;

    private final Clock clock = Clock.systemUTC();
    private ModeMachine machine;

    @Inject
    void init(CameraConfig config) {
        machine = new ModeMachine(config.maxAlerts());
    }

    public synchronized CameraMode mode() {
        return machine.mode();
    }

    public synchronized int alerts() {
        return machine.alerts();
    }

    /** Enrolment is complete. */
    public synchronized void enrolled(int samples, double threshold) {
        record(machine.enrolled());
        LOG.infof("enrolled %d samples, unknown above distance %.1f", samples, threshold);
    }

    /** One recognition check; returns the mode afterwards. */
    public synchronized CameraMode recognised(Verdict verdict, double distance, double threshold, int faces) {
        CameraMode mode = machine.mode();
        if (mode != CameraMode.NORMAL && mode != CameraMode.ALERT) {
            return mode; // stopped or blocked meanwhile: the check no longer counts
        }
        emit(new Recognition(UUID.randomUUID(), clock.instant(), verdict, distance, threshold, faces));
        Optional<Transition> t = switch (verdict) {
            case KNOWN -> machine.known();
            case UNKNOWN -> machine.unknown();
            case NO_FACE, SEVERAL_FACES -> Optional.empty();
        };
        t.ifPresent(this::record);
        if (verdict == Verdict.UNKNOWN && t.isEmpty()) {
            LOG.warnf("unknown face, alert %d", machine.alerts());
        }
        return machine.mode();
    }

    /** A command the gateway authorised. Commands that do not apply now are refused and logged. */
    public synchronized void command(Command c) {
        try {
            Transition t = switch (c.kind()) {
                case STOP -> machine.stop();
                case RESUME -> machine.resume();
                case RELEASE -> machine.release();
            };
            record(t);
            LOG.infof("command %s (%s): %s -> %s", c.kind(), c.correlationId(), t.from(), t.to());
        } catch (IllegalTransitionException e) {
            LOG.warnf("command %s (%s) refused: %s", c.kind(), c.correlationId(), e.getMessage());
        }
    }

    /** At each connection the camera aligns with the system state the gateway holds. */
    public synchronized void follow(SystemState system) {
        CameraMode mode = machine.mode();
        if (system == SystemState.STOPPED && mode != CameraMode.STOPPED) {
            record(machine.stop());
        } else if (system != SystemState.STOPPED && mode == CameraMode.STOPPED) {
            record(machine.resume());
        }
        if (system == SystemState.RUNNING && machine.mode() == CameraMode.BLOCKED) {
            record(machine.release()); // released while this camera was away
        }
    }

    private void record(Transition t) {
        LOG.infof("mode %s -> %s (%s, alerts %d)", t.from(), t.to(), t.reason(), t.alertCount());
        emit(new ModeChanged(UUID.randomUUID(), clock.instant(), t.from(), t.to(), t.alertCount(), t.reason()));
    }

    private void emit(Event e) {
        try {
            outbox.add(e);
        } catch (IOException ex) {
            // the outbox is the only way out; losing its disk is fatal for the guarantee, say so loudly
            LOG.errorf("event %s could not be queued: %s", e.id(), ex.getMessage());
        }
    }
}
