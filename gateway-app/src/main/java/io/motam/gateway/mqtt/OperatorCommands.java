package io.motam.gateway.mqtt;

import io.motam.domain.CommandKind;
import io.motam.gateway.state.CameraTarget;
import io.motam.gateway.state.CommandOutcome;

/**
 * The gateway's one operator command path as the MQTT bridge sees it (implemented by
 * {@code io.motam.gateway.ops.Operator}, which also serves the HTTP API, the status page and the
 * command line): every call is checked, audited with its source and counted there. Called on a
 * worker thread (blocking allowed); refused outcomes carry a reason that is published on
 * {@code cmd/result}, so it never reveals a secret.
 */
public interface OperatorCommands {
    /** Sources of commands, as written in the audit log and metrics. */
    String SOURCE_MQTT = "mqtt";

    String SOURCE_HOME_ASSISTANT = "homeassistant";

    /**
     * Applies a state command to the cameras {@code target} addresses: guarded transition, release
     * code when it needs one, forwarded to those camera(s) when accepted.
     *
     * @param code the code as given, {@code null} when none; wiped by the callee
     */
    CommandOutcome apply(CommandKind kind, CameraTarget target, char[] code, String correlationId, String source);

    /** Opens a one-time pairing offer ({@code cmd/pair}). */
    CommandOutcome pair(String source);

    /** Withdraws a camera's authorisation and drops its link ({@code cmd/revoke}). */
    CommandOutcome revoke(String cameraId, String source);
}
