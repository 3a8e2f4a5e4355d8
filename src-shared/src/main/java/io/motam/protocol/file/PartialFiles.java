package io.motam.protocol.file;

import io.motam.protocol.frame.Frame;
import io.motam.protocol.frame.FrameType;
import io.motam.protocol.message.FileOffer;
import io.motam.protocol.message.MessageCodec;
import io.motam.storage.AtomicFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The gateway's bookkeeping of one camera's files in transfer, in {@link ReceivedFiles#partialDir}:
 *
 * <pre>
 *   &lt;fileId&gt;.offer   the FILE_OFFER it belongs to (written atomically when first offered)
 *   &lt;fileId&gt;.part    the bytes received so far; its fsync'd length is where a transfer resumes
 * </pre>
 *
 * A crash may leave unsynced bytes at the end of a {@code .part}; they are either right or the
 * final SHA-256 check fails and the camera sends the file again from 0, so the length on disk is
 * a safe resume point. Whether a file was delivered is the store's to say
 * ({@link ReceivedFiles#holds}), not a marker here. Abandoned partial files are pruned by the
 * store that owns the folder (the gateway's backup store, after {@code motam.backup.partial-max-age}).
 */
final class PartialFiles {
    private static final Logger LOG = Logger.getLogger(PartialFiles.class);
    private final Path dir;

    PartialFiles(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    Path part(UUID id) {
        return dir.resolve(id + ".part");
    }

    Path offerFile(UUID id) {
        return dir.resolve(id + ".offer");
    }

    /** The stored offer of a partial file, or empty when there is none or it is unreadable. */
    Optional<FileOffer> storedOffer(UUID id) {
        Path f = offerFile(id);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    (FileOffer) MessageCodec.decode(new Frame(FrameType.FILE_OFFER, 0, Files.readAllBytes(f))));
        } catch (IOException | ClassCastException e) {
            LOG.warnf("partial file %s: unreadable offer (%s); starting it again", id, e.getMessage());
            return Optional.empty();
        }
    }

    /** Starts a partial file from nothing. */
    void start(FileOffer offer) throws IOException {
        discard(offer.fileId());
        AtomicFiles.write(offerFile(offer.fileId()), MessageCodec.encode(offer), false);
        try (FileChannel ch =
                FileChannel.open(part(offer.fileId()), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Deletes the partial file and its offer. */
    void discard(UUID id) throws IOException {
        Files.deleteIfExists(part(id));
        Files.deleteIfExists(offerFile(id));
    }

    Path directory() {
        return dir;
    }
}
