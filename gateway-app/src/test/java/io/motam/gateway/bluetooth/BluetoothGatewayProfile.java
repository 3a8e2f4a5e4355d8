package io.motam.gateway.bluetooth;

import io.motam.gateway.testing.GatewayTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** The gateway in {@code bluetooth} mode on the BlueZ double ({@link BluezResource}), otherwise as the other tests run it. */
public class BluetoothGatewayProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(GatewayTestResource.class), new TestResourceEntry(BluezResource.class));
    }
}
