package io.motam.protocol.delivery;

import io.motam.protocol.frame.Frame;
import io.motam.protocol.frame.FrameFormat;
import io.motam.protocol.frame.FrameReader;
import io.motam.protocol.frame.FrameWriter;
import io.motam.protocol.frame.ProtocolException;
import io.motam.protocol.message.Event;
import io.motam.protocol.message.MessageCodec;
import io.motam.storage.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * The sender's durable queue of numbered events. {@link #add} gives an event the next sequence
 * number and appends its frame to {@code outbox.frames} (fsync) before it returns; the event
 * stays until the receiver acknowledges it ({@link #acked}), across link cuts and restarts.
 *
 * <p>On disk: {@code outbox.frames} holds the frames exactly as sent on the link (see
 * {@link io.motam.protocol.frame.FrameDecoder}); {@code outbox.acked} holds the highest
 * acknowledged sequence number (text). At open, a torn last frame is cut off. When everything is
 * acknowledged the frame file is emptied, so it only ever holds the backlog.
 *
 * <p>Bounded: at most {@code maxPending} unacknowledged events; {@link #add} refuses more with
 * {@link OutboxFullException} (mode and recognition events are never dropped silently).
 */
public final class Outbox implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Outbox.class);

    private final Path framesFile;
    private final Path ackedFile;
    private final int maxPending;
    private final FileChannel channel;
    private final Deque<Frame> pending = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition added = lock.newCondition();
    private long lastSequence;
    private long lastAcked;

    private Outbox(Path dir, int maxPending, FileChannel channel) {
        this.framesFile = dir.resolve("outbox.frames");
        this.ackedFile = dir.resolve("outbox.acked");
        this.maxPending = maxPending;
        this.channel = channel;
    }

    public static Outbox open(Path dir, int maxPending) throws IOException {
        Files.createDirectories(dir);
        FileChannel ch = FileChannel.open(dir.resolve("outbox.frames"),
                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        Outbox o = new Outbox(dir, maxPending, ch);
        o.recover();
        return o;
    }

    private void recover() throws IOException {
        if (Files.exists(ackedFile)) {
            String s = Files.readString(ackedFile, StandardCharsets.US_ASCII).trim();
            try {
                lastAcked = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new IOException("outbox ack file " + ackedFile + " is corrupt: '" + s + "'");
            }
        }
        lastSequence = lastAcked;
        long good = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(framesFile))) {
            FrameReader reader = new FrameReader(in, FrameFormat.MAX_PAYLOAD_CEILING);
            while (true) {
                Optional<Frame> f;
                try {
                    f = reader.read();
                } catch (ProtocolException e) {
                    LOG.warnf("outbox %s: cut a torn or corrupt tail after %d bytes (%s)", framesFile, good, e.getMessage());
                    break;
                }
                if (f.isEmpty()) {
                    break;
                }
                good += f.get().wireLength();
                lastSequence = Math.max(lastSequence, f.get().sequence());
                if (f.get().sequence() > lastAcked) {
                    pending.addLast(f.get());
                }
            }
        }
        if (good < channel.size()) {
            channel.truncate(good);
            channel.force(true);
        }
        channel.position(good);
        if (!pending.isEmpty()) {
            LOG.infof("outbox: %d event(s) waiting for the gateway (sequence %d..%d)", pending.size(),
                    pending.peekFirst().sequence(), lastSequence);
        }
    }

    /** Numbers the event, makes it durable and queues it; returns its sequence number. */
    public long add(Event event) throws IOException {
        lock.lock();
        try {
            if (pending.size() >= maxPending) {
                throw new OutboxFullException(pending.size(), maxPending);
            }
            Frame f = MessageCodec.toFrame(event, lastSequence + 1);
            ByteBuffer buf = ByteBuffer.wrap(FrameWriter.encode(f));
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
            lastSequence = f.sequence();
            pending.addLast(f);
            added.signalAll();
            return f.sequence();
        } finally {
            lock.unlock();
        }
    }

    /** The receiver holds everything up to {@code sequence}; forget it. Acks from the past are ignored. */
    public void acked(long sequence) throws IOException {
        lock.lock();
        try {
            if (sequence <= lastAcked) {
                return;
            }
            if (sequence > lastSequence) {
                throw new ProtocolException("ack for sequence " + sequence + " beyond the last sent " + lastSequence);
            }
            while (!pending.isEmpty() && pending.peekFirst().sequence() <= sequence) {
                pending.removeFirst();
            }
            lastAcked = sequence;
            AtomicFiles.write(ackedFile, Long.toString(sequence).getBytes(StandardCharsets.US_ASCII), false);
            if (pending.isEmpty()) {
                channel.truncate(0);
                channel.position(0);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Frames after {@code sequence}, oldest first, waiting up to {@code waitMillis} for one. */
    public List<Frame> after(long sequence, long waitMillis) throws InterruptedException {
        lock.lock();
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
            while (lastSequence <= sequence) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return List.of();
                }
                added.await(left, TimeUnit.NANOSECONDS);
            }
            List<Frame> out = new ArrayList<>();
            for (Frame f : pending) {
                if (f.sequence() > sequence) {
                    out.add(f);
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    public long lastAcked() {
        lock.lock();
        try {
            return lastAcked;
        } finally {
            lock.unlock();
        }
    }

    public long lastSequence() {
        lock.lock();
        try {
            return lastSequence;
        } finally {
            lock.unlock();
        }
    }

    public int pendingCount() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
