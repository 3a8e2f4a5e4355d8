package io.motam.gateway.ops;

import io.motam.gateway.link.ActiveCameras;
import io.motam.gateway.link.LinkServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** UP while the link server listens; tells the endpoint and how many cameras are connected. */
@Readiness
@ApplicationScoped
public class LinkHealthCheck implements HealthCheck {
    @Inject
    LinkServer link;

    @Inject
    ActiveCameras active;

    @Override
    public HealthCheckResponse call() {
        try {
            String endpoint = link.endpoint();
            return HealthCheckResponse.named("link")
                    .up()
                    .withData("endpoint", endpoint)
                    .withData("cameras", active.count())
                    .build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("link")
                    .down()
                    .withData("error", "link server not listening")
                    .build();
        }
    }
}
