package io.motam.protocol.file;

import io.motam.protocol.frame.FrameFormat;
import io.motam.protocol.frame.FrameType;
import io.motam.protocol.frame.FrameWriter;
import io.motam.protocol.frame.OutOfWindowException;
import io.motam.protocol.message.FileAck;
import io.motam.protocol.message.FileChunk;
import io.motam.protocol.message.FileDone;
import io.motam.protocol.message.MessageCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The camera's side of file transfers on one connection: offers the oldest queued file, sends it
 * in chunks from the offset the gateway names, and settles it when the gateway says FILE_DONE.
 * One file at a time.
 *
 * <pre>
 *   IDLE --queue not empty / FILE_OFFER--&gt; OFFERED --FILE_ACK(offset)--&gt; SENDING
 *   SENDING --last chunk--&gt; AWAITING_DONE --FILE_DONE--&gt; (settle) --&gt; IDLE
 *   OFFERED --FILE_DONE(OK: already there | REJECTED)--&gt; (settle) --&gt; IDLE
 * </pre>
 *
 * {@link #writeNext} runs on the connection's writing thread and does all disk work (reading
 * chunks, removing a delivered file, re-hashing after a mismatch); {@link #acked} and
 * {@link #done} run on the reading thread and only record what the gateway said, so the reader
 * never waits for the disk or the network.
 */
public final class FileSender implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(FileSender.class);

    /** Where the current transfer stands. */
    public enum State {
        IDLE,
        OFFERED,
        SENDING,
        AWAITING_DONE
    }

    private final FileOutbox outbox;
    private final int chunkData;
    private final Runnable wake;
    private final byte[] buffer;
    private State state = State.IDLE;
    private QueuedFile current;
    private long nextOffset;
    private long durable;
    private FileDone.Status outcome;
    /** Read side of the file being sent; touched by the writing thread only. */
    private FileChannel channel;

    private QueuedFile channelFile;
    private long delivered;

    /**
     * @param chunkData file bytes per chunk, 1 .. {@link FileChunk#DEFAULT_DATA_LENGTH}
     * @param wake rung when the gateway's answer makes more to send
     */
    public FileSender(FileOutbox outbox, int chunkData, Runnable wake) {
        if (chunkData < 1 || chunkData > FileChunk.DEFAULT_DATA_LENGTH) {
            throw new IllegalArgumentException(
                    "chunk data must be within 1.." + FileChunk.DEFAULT_DATA_LENGTH + " but was " + chunkData);
        }
        this.outbox = outbox;
        this.chunkData = chunkData;
        this.wake = wake;
        this.buffer = new byte[FrameFormat.HEADER_LENGTH + FileChunk.HEADER_LENGTH + chunkData];
    }

    /**
     * Writes the next frame of the file transfer if one is due (not flushed).
     *
     * @return false when there is nothing to send until the gateway answers or a file is queued
     */
    public boolean writeNext(FrameWriter writer) throws IOException {
        QueuedFile file;
        long offset;
        FileDone.Status settle = null;
        boolean offer = false;
        synchronized (this) {
            file = current;
            offset = nextOffset;
            if (outcome != null) {
                settle = outcome;
                outcome = null;
            } else if (state == State.IDLE) {
                Optional<QueuedFile> next = outbox.first();
                if (next.isEmpty()) {
                    return false;
                }
                current = next.get();
                durable = 0;
                state = State.OFFERED;
                file = current;
                offer = true;
            } else if (state != State.SENDING) {
                return false;
            }
        }
        if (settle != null) {
            settle(file, settle);
            return true;
        }
        if (offer) {
            writer.write(MessageCodec.toFrame(file.offer(), 0), false);
            LOG.debugf("offered %s", file.offer());
            return true;
        }
        if (!outbox.contains(file.offer().fileId())) {
            LOG.infof("file %s left the queue during its transfer; moving on", file.offer());
            reset(file);
            return true;
        }
        int n = readChunk(file, offset);
        ByteBuffer header = ByteBuffer.wrap(buffer, FrameFormat.HEADER_LENGTH, FileChunk.HEADER_LENGTH);
        header.putLong(file.offer().fileId().getMostSignificantBits())
                .putLong(file.offer().fileId().getLeastSignificantBits())
                .putLong(offset);
        writer.writeInPlace(FrameType.FILE_CHUNK, 0, buffer, FileChunk.HEADER_LENGTH + n, false);
        synchronized (this) {
            if (current == file && state == State.SENDING && nextOffset == offset) {
                nextOffset = offset + n;
                if (nextOffset == file.offer().size()) {
                    state = State.AWAITING_DONE;
                    closeChannel();
                }
            }
        }
        return true;
    }

    private int readChunk(QueuedFile file, long offset) throws IOException {
        if (channelFile != file) {
            closeChannel();
            channel = FileChannel.open(file.data(), StandardOpenOption.READ);
            channelFile = file;
        }
        int want = (int) Math.min(chunkData, file.offer().size() - offset);
        ByteBuffer into = ByteBuffer.wrap(buffer, FrameFormat.HEADER_LENGTH + FileChunk.HEADER_LENGTH, want);
        while (into.hasRemaining()) {
            int r = channel.read(into, offset + (want - into.remaining()));
            if (r < 0) {
                throw new IOException("queued file " + file.data() + " ended before its offered size "
                        + file.offer().size());
            }
        }
        return want;
    }

    private void settle(QueuedFile file, FileDone.Status status) throws IOException {
        switch (status) {
            case OK -> {
                outbox.remove(file.offer().fileId());
                synchronized (this) {
                    delivered++;
                }
                LOG.infof("file delivered: %s", file.offer());
            }
            case REJECTED -> {
                outbox.remove(file.offer().fileId());
                LOG.warnf("file refused by the gateway and dropped: %s", file.offer());
            }
            case HASH_MISMATCH -> {
                boolean again = outbox.mismatched(file.offer().fileId());
                LOG.warnf(
                        "gateway reported a SHA-256 mismatch for %s; %s",
                        file.offer(), again ? "offering it again" : "dropped");
            }
        }
        reset(file);
    }

    private void reset(QueuedFile file) {
        synchronized (this) {
            if (current == file) {
                current = null;
                state = State.IDLE;
                nextOffset = 0;
            }
        }
        closeChannel();
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // read-only
            }
            channel = null;
            channelFile = null;
        }
    }

    /**
     * The gateway holds {@code [0, durableOffset)}. The first ack after an offer says where to
     * send from. Acks for another file (one abandoned earlier) are ignored.
     *
     * @throws OutOfWindowException for an offset past the file's size
     */
    public void acked(FileAck ack) throws OutOfWindowException {
        synchronized (this) {
            if (current == null || !current.offer().fileId().equals(ack.fileId())) {
                LOG.debugf("ignored FILE_ACK for %s: not the file in transfer", ack.fileId());
                return;
            }
            long size = current.offer().size();
            if (ack.durableOffset() > size) {
                throw new OutOfWindowException(
                        "file ack offset", "at most the size " + size, size, ack.durableOffset());
            }
            durable = Math.max(durable, ack.durableOffset());
            if (state != State.OFFERED) {
                return;
            }
            nextOffset = ack.durableOffset();
            state = nextOffset == size ? State.AWAITING_DONE : State.SENDING;
            if (nextOffset > 0) {
                LOG.infof("resuming %s at %d of %d bytes", current.offer(), nextOffset, size);
            }
        }
        wake.run();
    }

    /** The gateway ended the transfer of a file; the writing thread settles it. */
    public void done(FileDone done) {
        synchronized (this) {
            if (current == null || !current.offer().fileId().equals(done.fileId())) {
                LOG.debugf("ignored FILE_DONE for %s: not the file in transfer", done.fileId());
                return;
            }
            outcome = done.status();
        }
        wake.run();
    }

    public synchronized State state() {
        return state;
    }

    /** The durable offset the gateway last reported for the current file. */
    public synchronized long durableOffset() {
        return durable;
    }

    /** Files confirmed on this connection. */
    public synchronized long delivered() {
        return delivered;
    }

    @Override
    public void close() {
        closeChannel();
    }
}
