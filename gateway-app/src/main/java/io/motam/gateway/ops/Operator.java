package io.motam.gateway.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.motam.domain.CommandKind;
import io.motam.gateway.audit.AuditLog;
import io.motam.gateway.journal.EventJson;
import io.motam.gateway.link.ActiveCameras;
import io.motam.gateway.link.LinkServer;
import io.motam.gateway.pairing.PairingDesk;
import io.motam.gateway.registry.AuthorisedCamera;
import io.motam.gateway.registry.AuthorizationLog;
import io.motam.gateway.registry.AuthorizationLog.Decision;
import io.motam.gateway.registry.CameraRegistry;
import io.motam.gateway.state.CommandOutcome;
import io.motam.gateway.state.SystemStateController;
import io.motam.protocol.pairing.PairingOffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What an operator can do, whichever way they ask (local HTTP API, command line through it,
 * MQTT {@code cmd/*}): one method per command, each returning a {@link CommandOutcome} and
 * logging one line. Codes are {@code char[]}, wiped here once checked.
 */
@ApplicationScoped
public class Operator {
    private static final Logger LOG = Logger.getLogger(Operator.class);

    @Inject SystemStateController state;
    @Inject ActiveCameras cameras;
    @Inject PairingDesk desk;
    @Inject LinkServer link;
    @Inject CameraRegistry registry;
    @Inject AuthorizationLog authorisations;
    @Inject AuditLog audit;
    @Inject MeterRegistry metrics;

    /** A pairing offer and the outcome of asking for it. */
    public record PairResult(CommandOutcome outcome, Optional<PairingOffer> offer) {
    }

    /** Opens a new one-time pairing offer (replacing an open one) and the adapter's pairable window. */
    public PairResult pair(String source) {
        try {
            PairingOffer offer = desk.issue(link.endpoint());
            count("pair", true);
            LOG.infof("operator pair (%s): offer open until %s", source, offer.expiresAt());
            return new PairResult(CommandOutcome.ok(), Optional.of(offer));
        } catch (IOException | RuntimeException e) {
            count("pair", false);
            LOG.errorf("operator pair (%s) failed: %s", source, e.getMessage());
            return new PairResult(CommandOutcome.refused("could not issue an offer: " + e.getMessage()), Optional.empty());
        }
    }

    /** Withdraws the camera's authorisation and throws it out (disconnect, remove, block). */
    public CommandOutcome revoke(String cameraId, String source) {
        List<AuthorisedCamera> removed = registry.revoke(cameraId);
        if (removed.isEmpty()) {
            count("revoke", false);
            LOG.infof("operator revoke (%s) camera=%s refused: not authorised", source, cameraId);
            return CommandOutcome.refused("camera " + cameraId + " is not authorised");
        }
        for (AuthorisedCamera c : removed) {
            authorisations.record(Decision.REVOKED, c.id(), c.fingerprint(), c.address(), "by the operator (" + source + ")");
        }
        count("revoke", true);
        return CommandOutcome.ok();
    }

    /**
     * The MQTT hook's code check ({@code OperatorCommands.checkCode}): checks that the command
     * fits the state and, when it needs one, the release code; on success the caller's next
     * {@code SystemStateController.command(kind)} on the same thread passes. The caller wipes the code.
     */
    public CommandOutcome checkCode(CommandKind kind, char[] code) {
        CommandOutcome o = state.authorise(kind, code);
        if (!o.accepted()) {
            count(kind.name().toLowerCase(java.util.Locale.ROOT), false);
        }
        return o;
    }

    public CommandOutcome stop(char[] code, String correlationId, String source) {
        return apply(CommandKind.STOP, code, correlationId, source);
    }

    public CommandOutcome resume(char[] code, String correlationId, String source) {
        return apply(CommandKind.RESUME, code, correlationId, source);
    }

    public CommandOutcome release(char[] code, String correlationId, String source) {
        return apply(CommandKind.RELEASE, code, correlationId, source);
    }

    /**
     * Applies a state command (guarded, with the release code when it needs one) and forwards an
     * accepted one to the connected camera(s). Wipes {@code code}.
     */
    public CommandOutcome apply(CommandKind kind, char[] code, String correlationId, String source) {
        String id = correlationId == null ? EventJson.newId() : correlationId;
        CommandOutcome outcome;
        try {
            outcome = state.command(kind, code);
        } finally {
            if (code != null) {
                Arrays.fill(code, '\0');
            }
        }
        String name = kind.name().toLowerCase(java.util.Locale.ROOT);
        count(name, outcome.accepted());
        if (outcome.accepted()) {
            int sent = cameras.forward(kind, id);
            LOG.infof("operator %s (%s, %s) accepted, forwarded to %d camera(s)", name, id, source, sent);
        } else {
            LOG.infof("operator %s (%s, %s) refused: %s", name, id, source, outcome.reason());
        }
        audit.append(outcome.accepted() ? "COMMAND_ACCEPTED" : "COMMAND_REFUSED", null, null, null,
                name + " (" + id + ", " + source + "): " + outcome.reason());
        return outcome;
    }

    private void count(String command, boolean accepted) {
        metrics.counter("motam.operator.commands", "command", command, "accepted", Boolean.toString(accepted))
                .increment();
    }
}
