package io.motam.gateway.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.motam.domain.CommandKind;
import io.motam.gateway.audit.AuditLog;
import io.motam.gateway.journal.EventJson;
import io.motam.gateway.link.ActiveCameras;
import io.motam.gateway.link.LinkServer;
import io.motam.gateway.mqtt.OperatorCommands;
import io.motam.gateway.pairing.PairingDesk;
import io.motam.gateway.registry.AuthorisationLog;
import io.motam.gateway.registry.AuthorisationLog.Decision;
import io.motam.gateway.registry.AuthorisedCamera;
import io.motam.gateway.registry.CameraRegistry;
import io.motam.gateway.release.ReleaseGuard;
import io.motam.gateway.state.CameraTarget;
import io.motam.gateway.state.CommandOutcome;
import io.motam.gateway.state.SystemStateController;
import io.motam.protocol.pairing.PairingOffer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The one path of every operator command, whichever way it arrives (local HTTP API and status
 * page, the command line through the API, MQTT {@code cmd/*} and Home Assistant): each command
 * is checked (state guard, then the release code when it needs one, with a lockout per domain:
 * local or MQTT), written to the audit log with its source (accepted ones always, refused ones
 * coalesced by {@link RefusalAudit}), counted in {@code motam.operator.commands}, logged in one
 * line, and an accepted state command is forwarded to the connected camera(s) it addresses (one
 * camera, or all: {@link CameraTarget}). Codes are
 * {@code char[]}, wiped here once checked.
 */
@ApplicationScoped
public class Operator implements OperatorCommands {
    private static final Logger LOG = Logger.getLogger(Operator.class);
    /** Refusals of one command from one source are written once per this window, then counted. */
    static final Duration REFUSAL_WINDOW = Duration.ofMinutes(1);

    @Inject
    SystemStateController state;

    @Inject
    ActiveCameras cameras;

    @Inject
    PairingDesk desk;

    @Inject
    LinkServer link;

    @Inject
    CameraRegistry registry;

    @Inject
    AuthorisationLog authorisations;

    @Inject
    AuditLog audit;

    @Inject
    MeterRegistry metrics;

    private RefusalAudit refusals;

    @PostConstruct
    void init() {
        refusals = new RefusalAudit(audit, Clock.systemUTC(), REFUSAL_WINDOW);
    }

    /** A pairing offer and the outcome of asking for it. */
    public record PairResult(CommandOutcome outcome, Optional<PairingOffer> offer) {}

    /** Opens a new one-time pairing offer (replacing an open one) and the adapter's pairable window. */
    public PairResult issueOffer(String source) {
        try {
            PairingOffer offer = desk.issue(link.endpoint());
            count("pair", source, true);
            refusals.flush();
            audit.append(
                    "COMMAND_ACCEPTED",
                    null,
                    null,
                    null,
                    "pair (" + source + "): offer open until " + offer.expiresAt());
            LOG.infof("operator pair (%s): offer open until %s", source, offer.expiresAt());
            return new PairResult(CommandOutcome.ok(), Optional.of(offer));
        } catch (IOException | RuntimeException e) {
            count("pair", source, false);
            refusals.refused("pair", source, "could not issue an offer: " + e.getMessage());
            LOG.errorf("operator pair (%s) failed: %s", source, e.getMessage());
            return new PairResult(
                    CommandOutcome.refused("could not issue an offer: " + e.getMessage()), Optional.empty());
        }
    }

    @Override
    public CommandOutcome pair(String source) {
        return issueOffer(source).outcome();
    }

    /** Withdraws the camera's authorisation and throws it out (disconnect, remove, block). */
    @Override
    public CommandOutcome revoke(String cameraId, String source) {
        List<AuthorisedCamera> removed = registry.revoke(cameraId);
        if (removed.isEmpty()) {
            count("revoke", source, false);
            refusals.refused("revoke", source, "camera " + cameraId + " is not authorised");
            LOG.infof("operator revoke (%s) camera=%s refused: not authorised", source, cameraId);
            return CommandOutcome.refused("camera " + cameraId + " is not authorised");
        }
        for (AuthorisedCamera c : removed) {
            authorisations.record(
                    Decision.REVOKED, c.id(), c.fingerprint(), c.address(), "by the operator (" + source + ")");
        }
        count("revoke", source, true);
        return CommandOutcome.ok();
    }

    public CommandOutcome stop(CameraTarget target, char[] code, String correlationId, String source) {
        return apply(CommandKind.STOP, target, code, correlationId, source);
    }

    public CommandOutcome resume(CameraTarget target, char[] code, String correlationId, String source) {
        return apply(CommandKind.RESUME, target, code, correlationId, source);
    }

    public CommandOutcome release(CameraTarget target, char[] code, String correlationId, String source) {
        return apply(CommandKind.RELEASE, target, code, correlationId, source);
    }

    /**
     * Applies a state command to the cameras {@code target} addresses (guarded, with the release
     * code when it needs one) and forwards an accepted one to those of them that are connected, a
     * release with each camera's new release epoch. Wipes {@code code}.
     */
    @Override
    public CommandOutcome apply(
            CommandKind kind, CameraTarget target, char[] code, String correlationId, String source) {
        String id = correlationId == null ? EventJson.newId() : correlationId;
        CommandOutcome outcome;
        CameraTarget resolved = target;
        try {
            resolved = state.resolve(target);
            outcome = state.command(kind, resolved, code, domainOf(source));
        } catch (IllegalArgumentException e) {
            outcome = CommandOutcome.refused(e.getMessage());
        } finally {
            if (code != null) {
                Arrays.fill(code, '\0');
            }
        }
        String name = kind.name().toLowerCase(java.util.Locale.ROOT);
        String to = resolved.label();
        count(name, source, outcome.accepted());
        if (outcome.accepted()) {
            CameraTarget sentTo = resolved;
            int sent = cameras.forward(
                    kind,
                    id,
                    c -> sentTo.kind() != CameraTarget.Kind.ONE
                            || sentTo.cameraId().equals(c),
                    state::releaseEpoch);
            LOG.infof("operator %s of %s (%s, %s) accepted, forwarded to %d camera(s)", name, to, id, source, sent);
            refusals.flush();
            audit.append(
                    "COMMAND_ACCEPTED",
                    resolved.cameraId(),
                    null,
                    null,
                    name + " of " + to + " (" + id + ", " + source + "): ok");
        } else {
            LOG.infof("operator %s of %s (%s, %s) refused: %s", name, to, id, source, outcome.reason());
            refusals.refused(name, source, outcome.reason() + " (" + to + ", " + id + ")");
        }
        return outcome;
    }

    /** The release-code lockout domain of a command source: the broker's clients or the local operator. */
    static String domainOf(String source) {
        return source.equals(SOURCE_MQTT) || source.equals(SOURCE_HOME_ASSISTANT)
                ? ReleaseGuard.MQTT
                : ReleaseGuard.LOCAL;
    }

    private void count(String command, String source, boolean accepted) {
        metrics.counter(
                        "motam.operator.commands",
                        "command",
                        command,
                        "source",
                        source,
                        "accepted",
                        Boolean.toString(accepted))
                .increment();
    }
}
