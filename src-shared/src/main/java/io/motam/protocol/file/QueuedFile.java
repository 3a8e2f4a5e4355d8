package io.motam.protocol.file;

import io.motam.protocol.message.FileOffer;
import java.nio.file.Path;
import java.util.Objects;

/** A file waiting in the camera's {@link FileOutbox}: what will be offered and where its bytes are. */
public record QueuedFile(long queueNumber, FileOffer offer, Path data) {
    public QueuedFile {
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(data, "data");
    }
}
