package io.motam.protocol.file;

import io.motam.protocol.frame.FrameType;
import io.motam.protocol.frame.OutOfWindowException;
import io.motam.protocol.frame.UnexpectedMessageException;
import io.motam.protocol.message.FileAck;
import io.motam.protocol.message.FileChunk;
import io.motam.protocol.message.FileDone;
import io.motam.protocol.message.FileOffer;
import io.motam.protocol.message.Message;
import io.motam.storage.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The gateway's side of file transfers on one connection.
 *
 * <ul>
 * <li>FILE_OFFER: refused (FILE_DONE REJECTED) when larger than {@link Limits#maxFileSize};
 * answered FILE_DONE OK when the store already holds that content ({@link ReceivedFiles#holds});
 * otherwise, once the store admits it ({@link ReceivedFiles#admit}), FILE_ACK with the offset to
 * send from: the length of the partial file kept from an earlier connection (whose bytes are
 * hashed again to continue the SHA-256), or 0.</li>
 * <li>FILE_CHUNK: must be for the open file, at exactly the next offset and within the size
 * ({@link OutOfWindowException} otherwise); written at its offset and hashed. Every
 * {@link Limits#checkpointBytes} the file is fsync'd and FILE_ACK tells the camera.</li>
 * <li>When the last byte arrives: fsync, compare the SHA-256 with the offer. A mismatch deletes
 * the partial file and answers FILE_DONE HASH_MISMATCH; a match hands it to
 * {@link ReceivedFiles#completed} (atomic move into the store, index entry fsync'd) and only after
 * that answers FILE_DONE OK.</li>
 * </ul>
 *
 * Every storage failure (a write, fsync, the hand-over, a store that does not admit the file)
 * goes to {@link Replies#storageFailed}, which closes the link with STORAGE_FAILURE: nothing is
 * acknowledged that is not durable, and the camera keeps the file and offers it again. A crash
 * at any step leaves the file either in the store and indexed (a re-offer is answered OK) or not
 * there at all (it is received again, resuming from the partial file when that is still whole).
 *
 * The reading thread only checks chunks; writing, hashing and everything that waits for the disk
 * (offer bookkeeping, fsync, completion) run on this receiver's own thread, in order, so
 * decrypting overlaps with storing and reading never stalls behind an fsync. Answers go out
 * through {@link Replies}, which must not block.
 */
public final class FileReceiver implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(FileReceiver.class);

    /**
     * The largest file accepted, how often a transfer is made durable and acknowledged, and
     * whether files of 1 MiB and more may bypass the page cache ({@link PartWriter}).
     */
    public record Limits(long maxFileSize, long checkpointBytes, boolean directIo) {
        public static final Limits DEFAULT = new Limits(256L << 20, 1L << 20);

        public Limits {
            if (maxFileSize < 0 || maxFileSize > FileOffer.MAX_SIZE || checkpointBytes < 1) {
                throw new IllegalArgumentException(
                        "bad file limits: max " + maxFileSize + ", checkpoint " + checkpointBytes);
            }
        }

        /** With direct I/O where the file system allows it. */
        public Limits(long maxFileSize, long checkpointBytes) {
            this(maxFileSize, checkpointBytes, true);
        }
    }

    /** How the receiver answers the camera and reports a broken disk; must not block. */
    public interface Replies {
        void send(Message message);

        /** The disk failed; the link should close with STORAGE_FAILURE (the camera retries later). */
        void storageFailed(IOException failure);
    }

    private final String cameraId;
    private final ReceivedFiles store;
    private final Limits limits;
    private final Replies replies;
    private final PartialFiles partials;
    private final ExecutorService disk;
    /** The aligned buffer for direct writes, reused by every file of this receiver (disk thread only). */
    private final PartWriter.RunBuffers buffers = new PartWriter.RunBuffers();
    /** Chunks handed to the disk thread and not yet written: 2 MiB of 64 KiB chunks. */
    static final int IN_FLIGHT = 32;

    private final java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(IN_FLIGHT);
    /** The transfer chunks go to; set by the disk thread, then used by the reading thread. */
    private volatile Transfer open;

    private volatile long completed;

    /** One file being received. */
    private static final class Transfer {
        final FileOffer offer;
        final Path part;
        final PartWriter writer;
        final MessageDigest digest;
        /** Bytes accepted by the reading thread (checked, queued). */
        long received;
        /** Bytes written by the receiver's thread. */
        long written;

        long checkpointed;

        Transfer(FileOffer offer, Path part, PartWriter writer, MessageDigest digest, long received) {
            this.offer = offer;
            this.part = part;
            this.writer = writer;
            this.digest = digest;
            this.received = received;
            this.written = received;
            this.checkpointed = received;
        }
    }

    public FileReceiver(String cameraId, ReceivedFiles store, Limits limits, Replies replies) throws IOException {
        this.cameraId = Objects.requireNonNull(cameraId, "cameraId");
        this.store = Objects.requireNonNull(store, "store");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.replies = Objects.requireNonNull(replies, "replies");
        this.partials = new PartialFiles(store.partialDir(cameraId));
        this.disk = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "motam-files-" + cameraId);
            t.setDaemon(true);
            return t;
        });
    }

    /** A FILE_OFFER arrived. */
    public void offer(FileOffer offer) {
        onDisk(() -> open(offer));
    }

    private void open(FileOffer offer) throws IOException {
        abandonOpen();
        var id = offer.fileId();
        if (offer.size() > limits.maxFileSize()) {
            LOG.warnf(
                    "camera %s: refused %s: larger than the limit of %d bytes", cameraId, offer, limits.maxFileSize());
            replies.send(new FileDone(id, FileDone.Status.REJECTED));
            return;
        }
        if (store.holds(cameraId, offer)) {
            partials.discard(id);
            LOG.infof("camera %s: %s is in the store already", cameraId, offer);
            replies.send(new FileDone(id, FileDone.Status.OK));
            return;
        }
        var stored = partials.storedOffer(id);
        long offset = 0;
        if (stored.isPresent() && stored.get().equals(offer) && Files.exists(partials.part(id))) {
            offset = Files.size(partials.part(id));
            if (offset > offer.size()) {
                LOG.warnf("camera %s: partial %s is longer than offered; starting again", cameraId, offer);
                offset = -1;
            }
        } else {
            if (stored.isPresent()) {
                LOG.warnf(
                        "camera %s: %s conflicts with the partial file of the same id (%s); starting again",
                        cameraId, offer, stored.get());
            }
            offset = -1;
        }
        store.admit(cameraId, offer, Math.max(offset, 0));
        if (offset < 0) {
            partials.start(offer);
            offset = 0;
        }
        MessageDigest digest = Sha256.digest();
        Sha256.update(digest, partials.part(id), offset);
        PartWriter writer =
                PartWriter.open(partials.part(id), offset, offer.size(), limits.directIo() ? buffers : null);
        Transfer t = new Transfer(offer, partials.part(id), writer, digest, offset);
        LOG.infof("camera %s: receiving %s from offset %d", cameraId, offer, offset);
        if (offset == offer.size()) {
            replies.send(new FileAck(id, offset));
            complete(t, digest.digest());
        } else {
            open = t;
            replies.send(new FileAck(id, offset));
        }
    }

    /**
     * A FILE_CHUNK arrived: checked on the calling thread, then written and hashed on the
     * receiver's own thread, so decrypting the next chunk overlaps with storing this one. At most
     * {@link #IN_FLIGHT} chunks wait to be written; beyond that the caller waits (and with it
     * the camera, through TCP).
     *
     * @throws UnexpectedMessageException when no file, or another one, is open
     * @throws OutOfWindowException when the offset is not the next one or the end passes the size
     */
    public void chunk(FileChunk chunk) throws IOException {
        Transfer t = open;
        if (t == null || !t.offer.fileId().equals(chunk.fileId())) {
            throw new UnexpectedMessageException(
                    t == null ? "NO_FILE_OPEN" : "FILE_OPEN(" + t.offer.fileId() + ")",
                    "FILE_OFFER",
                    FrameType.FILE_CHUNK);
        }
        if (chunk.offset() != t.received) {
            throw new OutOfWindowException(
                    "file chunk offset", "the next offset " + t.received, t.received, chunk.offset());
        }
        if (chunk.end() > t.offer.size()) {
            throw new OutOfWindowException(
                    "file chunk end", "at most the offered size " + t.offer.size(), t.offer.size(), chunk.end());
        }
        t.received = chunk.end();
        boolean last = t.received == t.offer.size();
        if (last) {
            open = null;
        }
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while the disk was busy");
        }
        onDisk(() -> {
            try {
                write(t, chunk, last);
            } finally {
                inFlight.release();
            }
        });
    }

    /** On the receiver's thread: stores one chunk, and checkpoints or completes the file. */
    private void write(Transfer t, FileChunk chunk, boolean last) throws IOException {
        if (!t.writer.isOpen()) {
            return; // replaced by a newer offer: what arrived before is kept for a resume
        }
        chunk.updateDigest(t.digest);
        t.writer.append(chunk.data());
        t.written = chunk.end();
        if (last) {
            complete(t, t.digest.digest());
        } else if (t.written - t.checkpointed >= limits.checkpointBytes()) {
            t.checkpointed = t.writer.checkpoint();
            replies.send(new FileAck(t.offer.fileId(), t.checkpointed));
        }
    }

    private void complete(Transfer t, byte[] actual) throws IOException {
        var id = t.offer.fileId();
        try (PartWriter w = t.writer) {
            w.finish();
        }
        if (!t.offer.matches(actual)) {
            partials.discard(id);
            LOG.warnf(
                    "camera %s: %s arrived with SHA-256 %s: mismatch, dropped", cameraId, t.offer, Sha256.hex(actual));
            store.rejected(cameraId, t.offer, actual);
            replies.send(new FileDone(id, FileDone.Status.HASH_MISMATCH));
            return;
        }
        store.completed(cameraId, t.offer, t.part); // in the store and indexed, durably
        partials.discard(id);
        completed++;
        LOG.infof("camera %s: received %s", cameraId, t.offer);
        replies.send(new FileDone(id, FileDone.Status.OK));
    }

    /** A new offer replaces an open transfer: keep what arrived (durably) for a later resume. */
    private void abandonOpen() {
        Transfer t = open;
        open = null;
        if (t != null) {
            try (PartWriter w = t.writer) {
                long kept = w.checkpoint();
                LOG.infof("camera %s: %s left at %d bytes for a later resume", cameraId, t.offer, kept);
            } catch (IOException e) {
                LOG.warnf("camera %s: could not close partial %s: %s", cameraId, t.offer.fileId(), e.getMessage());
            }
        }
    }

    private interface DiskTask {
        void run() throws IOException;
    }

    private void onDisk(DiskTask task) {
        try {
            disk.execute(() -> {
                try {
                    task.run();
                } catch (IOException | RuntimeException e) {
                    LOG.errorf("camera %s: file storage failed: %s", cameraId, e.toString());
                    replies.storageFailed(e instanceof IOException io ? io : new IOException(e));
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debugf("camera %s: file task after close dropped", cameraId);
        }
    }

    /** Files completed on this connection. */
    public long completed() {
        return completed;
    }

    /**
     * Finishes the disk work already handed over (a completion in progress is finished, so a
     * new connection of the same camera finds consistent files) and keeps any partial file.
     */
    @Override
    public void close() {
        onDisk(this::abandonOpen);
        disk.shutdown();
        try {
            if (!disk.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warnf("camera %s: file tasks still running after 30 s", cameraId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
