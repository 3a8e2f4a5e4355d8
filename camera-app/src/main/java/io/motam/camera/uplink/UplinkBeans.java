package io.motam.camera.uplink;

import io.motam.camera.config.CameraConfig;
import io.motam.camera.config.UplinkConfig;
import io.motam.protocol.delivery.Outbox;
import io.motam.protocol.file.FileOutbox;
import io.motam.protocol.message.Identifiers;
import io.motam.protocol.session.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The camera's long-term key, its durable event outbox ({@code <data-dir>/outbox}) and its
 * durable file queue next to it ({@code <data-dir>/outbox/files}).
 */
@ApplicationScoped
public class UplinkBeans {
    private static final Logger LOG = Logger.getLogger(UplinkBeans.class);

    @ConfigProperty(name = "motam.data-dir")
    Path dataDir;

    @Produces
    @Singleton
    Identity identity(CameraConfig camera) {
        Identifiers.requireId(camera.id(), "motam.camera.id");
        try {
            Identity id = Identity.loadOrCreate(dataDir.resolve("identity"), "motam-camera-" + camera.id());
            LOG.infof(
                    "camera %s key fingerprint %s",
                    camera.id(), id.fingerprint().hex());
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load or create the camera identity under " + dataDir, e);
        }
    }

    @Produces
    @Singleton
    Outbox outbox(UplinkConfig config) {
        try {
            return Outbox.open(dataDir.resolve("outbox"), config.outboxLimit());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the outbox under " + dataDir, e);
        }
    }

    @Produces
    @Singleton
    FileOutbox files(UplinkConfig config) {
        try {
            return FileOutbox.open(
                    dataDir.resolve("outbox").resolve("files"),
                    new FileOutbox.Limits(config.fileQueueMaxFiles(), config.fileQueueMaxBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the file queue under " + dataDir, e);
        }
    }

    void close(@Disposes Outbox outbox) throws IOException {
        outbox.close();
    }
}
