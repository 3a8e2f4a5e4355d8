package io.motam.protocol.restore;

import io.motam.protocol.frame.OutOfWindowException;
import io.motam.protocol.frame.UnexpectedMessageException;
import io.motam.protocol.message.RestoreChunk;
import io.motam.protocol.message.RestoreOffer;
import io.motam.storage.AtomicFiles;
import io.motam.storage.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;

/**
 * The camera's side of one restore: takes a RESTORE_OFFER and its RESTORE_CHUNKs, writes them to
 * {@code <folder>/.<name>.part}, and once {@code size} bytes have come and their SHA-256 matches
 * the offer, fsyncs and renames the file atomically to {@code <folder>/<name>}. A file that does
 * not match is deleted ({@link Outcome#MISMATCH}); an earlier restored file is replaced only by a
 * good one. A chunk at another offset or past the size is {@link OutOfWindowException}.
 *
 * <pre>
 *  IDLE --offer--&gt; RECEIVING --chunk (next offset)--&gt; RECEIVING
 *                  RECEIVING --last byte, hash ok--&gt; IDLE (file in place)
 *                  RECEIVING --last byte, mismatch--&gt; IDLE (partial deleted)
 * </pre>
 *
 * Not thread-safe: used by the connection's reading thread.
 */
public final class RestoreReceiver implements AutoCloseable {
    /** How an offer or chunk left the receiver. */
    public enum Outcome {
        /** More chunks are due. */
        RECEIVING,
        /** The file is in place. */
        DONE,
        /** The bytes did not hash to the offer's SHA-256; nothing kept. */
        MISMATCH
    }

    private final Path folder;
    private RestoreOffer offer;
    private Path partial;
    private OutputStream out;
    private MessageDigest digest;
    private long received;
    private Path result;

    public RestoreReceiver(Path folder) {
        this.folder = Objects.requireNonNull(folder, "folder");
    }

    /** Opens the offered file; a size of 0 completes at once. */
    public Outcome offer(RestoreOffer o) throws IOException {
        if (offer != null) {
            throw new UnexpectedMessageException("RECEIVING", "RESTORE_CHUNK", o.frameType());
        }
        Files.createDirectories(folder);
        offer = o;
        partial = folder.resolve("." + o.name() + ".part");
        out = Files.newOutputStream(
                partial, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        digest = Sha256.digest();
        received = 0;
        result = null;
        return o.size() == 0 ? complete() : Outcome.RECEIVING;
    }

    /** Writes a chunk at exactly the next offset; after the last byte the file is checked and kept or dropped. */
    public Outcome chunk(RestoreChunk c) throws IOException {
        if (offer == null) {
            throw new UnexpectedMessageException("IDLE", "RESTORE_OFFER", c.frameType());
        }
        if (c.offset() != received) {
            throw new OutOfWindowException("RESTORE_CHUNK", "offset " + received, received, c.offset());
        }
        if (c.end() > offer.size()) {
            throw new OutOfWindowException("RESTORE_CHUNK", "an end of at most " + offer.size(), offer.size(), c.end());
        }
        c.writeTo(out);
        c.updateDigest(digest);
        received = c.end();
        return received == offer.size() ? complete() : Outcome.RECEIVING;
    }

    private Outcome complete() throws IOException {
        RestoreOffer o = offer;
        Path part = partial;
        out.close();
        out = null;
        offer = null;
        if (!o.matches(digest.digest())) {
            Files.deleteIfExists(part);
            return Outcome.MISMATCH;
        }
        Path target = folder.resolve(o.name());
        AtomicFiles.moveDurably(part, target);
        result = target;
        return Outcome.DONE;
    }

    /** The offer being received, if any. */
    public Optional<RestoreOffer> receiving() {
        return Optional.ofNullable(offer);
    }

    /** The file kept by the last {@link Outcome#DONE}. */
    public Optional<Path> result() {
        return Optional.ofNullable(result);
    }

    /** Drops a transfer cut short (its partial file). */
    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // deleting it anyway
            }
            out = null;
        }
        if (offer != null) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // overwritten by the next restore
            }
            offer = null;
        }
    }
}
