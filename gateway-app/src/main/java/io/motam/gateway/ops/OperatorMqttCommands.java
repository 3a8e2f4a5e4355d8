package io.motam.gateway.ops;

import io.motam.domain.CommandKind;
import io.motam.gateway.mqtt.OperatorCommands;
import io.motam.gateway.state.CommandOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The MQTT bridge's operator commands, served by the same {@link Operator} as the HTTP API and the CLI. */
@ApplicationScoped
public class OperatorMqttCommands implements OperatorCommands {
    private static final String SOURCE = "mqtt";

    @Inject
    Operator operator;

    @Override
    public CommandOutcome checkCode(CommandKind kind, char[] code) {
        return operator.checkCode(kind, code);
    }

    @Override
    public CommandOutcome pair() {
        return operator.pair(SOURCE).outcome();
    }

    @Override
    public CommandOutcome revoke(String cameraId) {
        return operator.revoke(cameraId, SOURCE);
    }
}
