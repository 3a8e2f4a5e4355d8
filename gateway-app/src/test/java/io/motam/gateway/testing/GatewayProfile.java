package io.motam.gateway.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/**
 * The profile of the gateway's own {@code @QuarkusTest}s (pairing, API, page, link admission,
 * command line): one running gateway shared by them, with {@link GatewayTestResource}.
 */
public class GatewayProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(GatewayTestResource.class));
    }
}
