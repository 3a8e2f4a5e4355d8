package io.motam.gateway.mqtt;

import io.motam.domain.CommandKind;
import io.motam.gateway.state.CommandOutcome;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Used until the gateway has release codes, pairing and revocation behind MQTT: no code is
 * checked (as before release codes existed), pair and revoke are
 * refused with "not available".
 */
@DefaultBean
@ApplicationScoped
public class UnavailableOperatorCommands implements OperatorCommands {

    @Override
    public CommandOutcome checkCode(CommandKind kind, char[] code) {
        return CommandOutcome.ok();
    }

    @Override
    public CommandOutcome pair() {
        return CommandOutcome.refused("not available");
    }

    @Override
    public CommandOutcome revoke(String cameraId) {
        return CommandOutcome.refused("not available");
    }
}
