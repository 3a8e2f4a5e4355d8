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
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The gateway's bookkeeping of one camera's files in transfer, in {@link ReceivedFiles#partialDir}:
 *
 * <pre>
 *   &lt;fileId&gt;.offer   the FILE_OFFER it belongs to (written atomically when first offered)
 *   &lt;fileId&gt;.part    the bytes received so far; its fsync'd length is where a transfer resumes
 *   &lt;fileId&gt;.done    marker: verified and handed to the store (kept {@link #DONE_RETENTION})
 * </pre>
 *
 * A crash may leave unsynced bytes at the end of a {@code .part}; they are either right or the
 * final SHA-256 check fails and the camera sends the file again from 0, so the length on disk is
 * a safe resume point.
 */
final class PartialFiles {
    private static final Logger LOG = Logger.getLogger(PartialFiles.class);
    /** Partial files not resumed for this long are deleted. */
    static final Duration PARTIAL_RETENTION = Duration.ofDays(7);
    /** A re-offer of a delivered file within this time is answered OK without a transfer. */
    static final Duration DONE_RETENTION = Duration.ofDays(30);

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

    Path done(UUID id) {
        return dir.resolve(id + ".done");
    }

    boolean isDone(UUID id) {
        return Files.exists(done(id));
    }

    /** The stored offer of a partial file, or empty when there is none or it is unreadable. */
    Optional<FileOffer> storedOffer(UUID id) {
        Path f = offerFile(id);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of((FileOffer) MessageCodec.decode(new Frame(FrameType.FILE_OFFER, 0, Files.readAllBytes(f))));
        } catch (IOException | ClassCastException e) {
            LOG.warnf("partial file %s: unreadable offer (%s); starting it again", id, e.getMessage());
            return Optional.empty();
        }
    }

    /** Starts a partial file from nothing. */
    void start(FileOffer offer) throws IOException {
        discard(offer.fileId());
        AtomicFiles.write(offerFile(offer.fileId()), MessageCodec.encode(offer), false);
        try (FileChannel ch = FileChannel.open(part(offer.fileId()), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Deletes the partial file and its offer. */
    void discard(UUID id) throws IOException {
        Files.deleteIfExists(part(id));
        Files.deleteIfExists(offerFile(id));
    }

    /** Marks a verified file as delivered, before the store takes it. */
    void markDone(UUID id) throws IOException {
        AtomicFiles.write(done(id), new byte[0], false);
    }

    /** Deletes partial files older than {@link #PARTIAL_RETENTION} and markers older than {@link #DONE_RETENTION}. */
    void prune(Instant now) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                Duration keep = name.endsWith(".done") ? DONE_RETENTION
                        : name.endsWith(".part") || name.endsWith(".offer") ? PARTIAL_RETENTION : null;
                if (keep != null && Files.getLastModifiedTime(f).toInstant().isBefore(now.minus(keep))) {
                    Files.deleteIfExists(f);
                    LOG.infof("partial files %s: deleted %s (older than %s)", dir, name, keep);
                }
            }
        } catch (IOException e) {
            LOG.warnf("partial files %s: could not prune: %s", dir, e.getMessage());
        }
    }

    Path directory() {
        return dir;
    }
}
