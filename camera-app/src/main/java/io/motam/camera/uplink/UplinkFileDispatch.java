package io.motam.camera.uplink;

import io.motam.camera.evidence.FileDispatch;
import io.motam.domain.FileKind;
import io.motam.protocol.file.FileOutbox;
import io.motam.protocol.message.FileOffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Files from the vision side (snapshots, the model, logs) into the uplink's durable file queue,
 * which sends them to the gateway (resumable, SHA-256 checked). A newer model replaces the older
 * queued ones: only the latest is worth backing up.
 */
@ApplicationScoped
public class UplinkFileDispatch implements FileDispatch {
    private static final Logger LOG = Logger.getLogger(UplinkFileDispatch.class);

    @Inject
    FileOutbox files;

    @Override
    public void send(FileKind kind, Path file) {
        try {
            FileOffer offer = files.enqueue(kind, plainName(file.getFileName().toString()), file);
            if (kind == FileKind.MODEL) {
                files.dropOlder(FileKind.MODEL, offer.fileId());
            }
        } catch (IOException | RuntimeException e) {
            LOG.errorf("%s %s could not be queued for the gateway: %s", kind, file, e.getMessage());
        }
    }

    /** A name the gateway accepts ({@link FileOffer#NAME}): other characters become '_'. */
    static String plainName(String name) {
        String plain = name.replaceAll("[^A-Za-z0-9._-]", "_");
        if (plain.length() > FileOffer.MAX_NAME_LENGTH) {
            plain = plain.substring(plain.length() - FileOffer.MAX_NAME_LENGTH);
        }
        if (plain.isEmpty() || plain.startsWith(".")) {
            plain = "_" + (plain.length() == FileOffer.MAX_NAME_LENGTH ? plain.substring(1) : plain);
        }
        return plain;
    }
}
