package io.motam.gateway.ops;

import io.motam.gateway.config.MqttConfig;
import io.motam.gateway.mqtt.MqttBridge;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * UP while the MQTT bridge has a session with the broker (CONNACK accepted), DOWN otherwise with
 * the reason: refused credentials, a lost connection, or still connecting. A TCP port that opens
 * is not enough: a broker that refuses the gateway's password would look healthy.
 */
@Readiness
@ApplicationScoped
public class BrokerHealthCheck implements HealthCheck {
    @Inject
    MqttConfig mqtt;

    @Inject
    MqttBridge bridge;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b =
                HealthCheckResponse.named("broker").withData("address", mqtt.host() + ":" + mqtt.port());
        var problem = bridge.brokerProblem();
        if (problem.isEmpty()) {
            return b.up().withData("connection", bridge.connectionGeneration()).build();
        }
        return b.down().withData("error", problem.get()).build();
    }
}
