package io.motam.gateway.mqtt;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Entry point for snapshots: {@link #publishSnapshot} stores the camera's latest JPEG durably
 * ({@code <data-dir>/mqtt/snapshots}, see {@link SnapshotStore}) and returns; the bridge
 * publishes it retained on {@code <prefix>/<gw>/camera/<camera>/snapshot} with QoS 1 as soon
 * as the broker is there, and again after a restart until the broker acknowledged it.
 */
@ApplicationScoped
public class SnapshotPublisher {
    @ConfigProperty(name = "motam.data-dir")
    Path dataDir;

    private SnapshotStore store;
    private volatile Runnable changed = () -> {};

    @PostConstruct
    void open() {
        try {
            store = new SnapshotStore(dataDir.resolve("mqtt").resolve("snapshots"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the snapshot folder under " + dataDir, e);
        }
    }

    /**
     * Makes {@code jpeg} the camera's latest snapshot (durable when this returns).
     *
     * @throws IllegalArgumentException for a bad camera id or a picture that is not a JPEG of at most {@link SnapshotStore#MAX_BYTES}
     * @throws IOException when it cannot be stored
     */
    public void publishSnapshot(String cameraId, byte[] jpeg) throws IOException {
        store.put(cameraId, jpeg);
        changed.run();
    }

    SnapshotStore store() {
        return store;
    }

    void onChange(Runnable listener) {
        this.changed = listener;
    }
}
