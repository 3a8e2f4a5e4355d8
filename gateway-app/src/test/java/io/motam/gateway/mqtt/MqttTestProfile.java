package io.motam.gateway.mqtt;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/**
 * The MQTT tests' own gateway: only {@link MosquittoResource} (global test resources of other
 * packages, with their own broker and settings, are left out), no release code configured.
 */
public class MqttTestProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(MosquittoResource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
