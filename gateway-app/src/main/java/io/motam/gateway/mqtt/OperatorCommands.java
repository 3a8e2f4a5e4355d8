package io.motam.gateway.mqtt;

import io.motam.domain.CommandKind;
import io.motam.gateway.state.CommandOutcome;

/**
 * What the MQTT commands need from the rest of the gateway beyond the system state: release
 * codes, pairing and revocation. The default bean ({@link UnavailableOperatorCommands}) checks no
 * code and refuses pair and revoke; another {@code @ApplicationScoped} implementation
 * replaces it. Called on a worker thread (blocking allowed); refused outcomes carry a reason
 * that is published on {@code cmd/result}, so it must not reveal secrets.
 */
public interface OperatorCommands {

    /**
     * Checks the code that came with a state command before it is applied: a release
     * ({@code cmd/release}, or Home Assistant's disarm of a blocked system) is only tried while
     * the system is BLOCKED; stop and resume are checked too, so an implementation may require
     * a code for them as well. Refusals should not tell more than "code rejected".
     *
     * @param code the code as given, empty when none; wiped by the caller after the call, do not keep it
     */
    CommandOutcome checkCode(CommandKind kind, char[] code);

    /** Opens a one-time pairing offer ({@code cmd/pair}). */
    CommandOutcome pair();

    /** Withdraws a camera's authorisation and drops its link ({@code cmd/revoke}). */
    CommandOutcome revoke(String cameraId);
}
