package io.motam.gateway.ops;

import io.motam.gateway.config.MqttConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** UP when a TCP connection to the MQTT broker opens within {@value #TIMEOUT_MS} ms. */
@Readiness
@ApplicationScoped
public class BrokerHealthCheck implements HealthCheck {
    static final int TIMEOUT_MS = 1000;

    @Inject MqttConfig mqtt;

    @Override
    public HealthCheckResponse call() {
        String where = mqtt.host() + ":" + mqtt.port();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(mqtt.host(), mqtt.port()), TIMEOUT_MS);
            return HealthCheckResponse.named("broker").up().withData("address", where).build();
        } catch (IOException e) {
            return HealthCheckResponse.named("broker").down().withData("address", where)
                    .withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
