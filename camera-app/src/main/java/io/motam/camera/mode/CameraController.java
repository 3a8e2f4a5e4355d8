package io.motam.camera.mode;

import io.motam.camera.config.CameraConfig;
import io.motam.camera.config.RecognitionConfig;
import io.motam.camera.recognition.Agreement;
import io.motam.camera.recognition.Sighting;
import io.motam.camera.tracking.PresenceMonitor;
import io.motam.domain.CameraMode;
import io.motam.domain.SystemState;
import io.motam.domain.Verdict;
import io.motam.protocol.delivery.Outbox;
import io.motam.protocol.message.Command;
import io.motam.protocol.message.Event;
import io.motam.protocol.message.ModeChanged;
import io.motam.protocol.message.Presence;
import io.motam.protocol.message.Recognition;
import io.motam.protocol.message.Welcome;
import io.motam.protocol.uplink.VersionRange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Owns the camera's {@link ModeMachine}: the vision loop reports recognitions and presence
 * changes, the uplink reports the gateway's commands and state; every decision and transition
 * becomes a numbered event in the outbox. A raw verdict reaches the machine only once
 * {@link Agreement} confirms it. All calls are serialised here.
 */
@ApplicationScoped
public class CameraController {
    private static final Logger LOG = Logger.getLogger(CameraController.class);

    @Inject
    Outbox outbox;

    @ConfigProperty(name = "motam.data-dir")
    Path dataDir;

    private final Clock clock = Clock.systemUTC();
    private ModeStore store;
    /** The protocol version of the latest WELCOME (0 before the first). */
    private int sessionVersion;

    private ModeSettings settings;
    private ModeMachine machine;
    private Agreement agreement;

    /** For CDI; {@link #init} completes it. */
    public CameraController() {}

    /** A controller outside CDI (tests, tools); restores what {@code store} kept. */
    public CameraController(Outbox outbox, ModeSettings settings, ModeStore store) {
        this.outbox = outbox;
        configure(settings, store);
    }

    @Inject
    void init(CameraConfig camera, RecognitionConfig recognition) {
        configure(
                new ModeSettings(camera.maxAlerts(), recognition.agreement(), new TreeSet<>(camera.snapshotAlerts())),
                ModeStore.in(dataDir));
    }

    private void configure(ModeSettings s, ModeStore modes) {
        settings = s;
        store = modes;
        machine = new ModeMachine(s.maxAlerts());
        agreement = new Agreement(s.agreement());
        Optional<ModeRecord> kept;
        try {
            kept = modes.load();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the camera's mode file " + modes.file()
                            + "; the camera will not start without it (fix the disk or remove the file)",
                    e);
        }
        kept.ifPresent(r -> {
            machine.restore(r);
            if (r.holdsAcrossRestart()) {
                LOG.warnf(
                        "restored %s with %d alerts (release epoch %d): the camera returns to it after enrolment",
                        r.mode(), r.alerts(), r.releaseEpoch());
            }
        });
    }

    public synchronized CameraMode mode() {
        return machine.mode();
    }

    public synchronized int alerts() {
        return machine.alerts();
    }

    /** Enrolment is complete. */
    public synchronized void enrolled(int samples, double threshold) {
        agreement.reset();
        record(machine.enrolled());
        LOG.infof("enrolled %d samples, unknown above distance %.3f", samples, threshold);
    }

    /**
     * One recognition check: reported as a recognition event with its raw verdict; a confirmed
     * KNOWN or UNKNOWN drives the mode machine. Ignored unless in NORMAL or ALERT.
     */
    public synchronized Decision recognised(Sighting s) {
        CameraMode mode = machine.mode();
        if (mode != CameraMode.NORMAL && mode != CameraMode.ALERT) {
            return new Decision(mode, machine.alerts(), Optional.empty(), false); // stopped or blocked meanwhile
        }
        emit(new Recognition(
                UUID.randomUUID(),
                clock.instant(),
                s.verdict(),
                s.distance(),
                s.threshold(),
                Math.min(s.faces(), 255)));
        int before = machine.alerts();
        Optional<Verdict> confirmed = agreement.add(s.verdict());
        Optional<Transition> t = confirmed.flatMap(v -> v == Verdict.KNOWN ? machine.known() : machine.unknown());
        t.ifPresent(this::record);
        if (t.isEmpty() && machine.alerts() != before) {
            persist(); // a count in ALERT survives a restart too
        }
        Optional<String> snapshot = Optional.empty();
        if (confirmed.orElse(null) == Verdict.UNKNOWN) {
            int alerts = machine.alerts();
            if (t.isEmpty()) {
                LOG.warnf("unknown face, alert %d of %d", alerts, settings.maxAlerts());
            }
            if (alerts != before && settings.snapshotAlerts().contains(alerts)) {
                snapshot = Optional.of("alert" + alerts);
            }
        } else if (s.verdict() == Verdict.UNKNOWN) {
            LOG.infof(
                    "unknown face (distance %.3f), waiting for %d agreeing sightings",
                    s.distance(), agreement.needed());
        }
        CameraMode now = machine.mode();
        boolean pending = agreement
                .pending()
                .map(v -> v == Verdict.UNKNOWN ? now == CameraMode.NORMAL : now == CameraMode.ALERT)
                .orElse(false);
        return new Decision(now, machine.alerts(), snapshot, pending);
    }

    /** A presence change seen by tracking; reported unless stopped or enrolling. */
    public synchronized void presence(PresenceMonitor.Change c) {
        CameraMode mode = machine.mode();
        if (mode == CameraMode.STOPPED || mode == CameraMode.ENROLLING) {
            return;
        }
        String detail =
                c.detail().length() > Presence.MAX_DETAIL ? c.detail().substring(0, Presence.MAX_DETAIL) : c.detail();
        LOG.infof("presence %s (track %d, %d faces): %s", c.state(), c.trackId(), c.faces(), detail);
        emit(new Presence(
                UUID.randomUUID(), clock.instant(), c.state(), c.trackId(), Math.min(c.faces(), 255), detail));
    }

    /**
     * A command the gateway authorised. Commands that do not apply now are refused and logged;
     * a RELEASE of a session that has release epochs (protocol 4) must carry one above the block's.
     */
    public synchronized void command(Command c) {
        try {
            Transition t = switch (c.kind()) {
                case STOP -> machine.stop();
                case RESUME -> machine.resume();
                case RELEASE -> {
                    if (c.releaseEpoch() == 0 && VersionRange.hasReleaseEpoch(sessionVersion)) {
                        throw new IllegalTransitionException(
                                "expected a release epoch on a protocol " + sessionVersion + " session but was none");
                    }
                    yield machine.release(c.releaseEpoch(), true);
                }
            };
            agreement.reset();
            record(t);
            LOG.infof("command %s (%s): %s -> %s", c.kind(), c.correlationId(), t.from(), t.to());
        } catch (IllegalTransitionException e) {
            LOG.warnf("command %s (%s) refused: %s", c.kind(), c.correlationId(), e.getMessage());
        }
    }

    /**
     * At each connection the camera aligns with the gateway: a stop or resume taken while it was
     * away is applied; a block is lifted only by a release epoch above the block's (a release the
     * gateway authorised after this block); the mode is never lowered for anything else. The
     * events this produces go behind everything already in the outbox, so the gateway learns of
     * a block before any later change.
     */
    public synchronized void follow(Welcome w) {
        sessionVersion = w.version();
        if (VersionRange.hasReleaseEpoch(w.version())) {
            boolean lifts = machine.epochShown(w.releaseEpoch());
            if (lifts) {
                agreement.reset();
                record(machine.release(w.releaseEpoch(), false)); // released while this camera was away
            } else {
                persist();
            }
        }
        SystemState system = w.systemState();
        CameraMode mode = machine.mode();
        if (system == SystemState.STOPPED && mode != CameraMode.STOPPED && mode != CameraMode.BLOCKED) {
            agreement.reset();
            record(machine.stop());
        } else if (system != SystemState.STOPPED && mode == CameraMode.STOPPED) {
            agreement.reset();
            record(machine.resume());
        }
    }

    private void record(Transition t) {
        LOG.infof("mode %s -> %s (%s, alerts %d)", t.from(), t.to(), t.reason(), t.alertCount());
        persist();
        emit(new ModeChanged(UUID.randomUUID(), clock.instant(), t.from(), t.to(), t.alertCount(), t.reason()));
    }

    /** Keeps the mode, count and epochs for the next start; a camera that cannot keep them says so loudly. */
    private void persist() {
        try {
            store.save(machine.record());
        } catch (IOException e) {
            LOG.errorf(
                    "the mode %s (alerts %d) could not be kept in %s: %s; a restart may lose it",
                    machine.mode(), machine.alerts(), store.file(), e.getMessage());
        }
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
