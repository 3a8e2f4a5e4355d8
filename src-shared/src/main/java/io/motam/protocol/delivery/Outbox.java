package io.motam.protocol.delivery;

import io.motam.protocol.frame.Frame;
import io.motam.protocol.frame.OutOfWindowException;
import io.motam.protocol.message.Event;
import io.motam.protocol.message.MessageCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * The sender's durable queue of numbered events. {@link #add} gives an event the next sequence
 * number and appends its frame to {@code outbox.frames} (fsync) before it returns; the event
 * stays until the receiver acknowledges it ({@link #acked}), across link cuts and restarts.
 *
 * <p>On disk ({@link OutboxFiles}): {@code outbox.frames} holds the frames exactly as sent on the
 * link (see {@link io.motam.protocol.frame.FrameDecoder}); {@code outbox.acked} holds an
 * acknowledged sequence number (text). At open, a torn last frame is cut off, and the frames above the
 * acknowledged number are pending again; damaged bytes inside the file are skipped (their events
 * are logged as lost) and the events after them keep their numbers. The acknowledged number is written durably only when
 * the frame file is emptied or compacted (once {@value #COMPACT_BYTES} bytes of it are
 * acknowledged) and at close: after a crash in between, some acknowledged events are sent again
 * and the receiver drops them as duplicates. The next number is always above every number in
 * the frame file or the ack file, so a number is never given to two events.
 *
 * <p>At each connection {@link #welcome} reconciles the numbering with the receiver's highest
 * durable number: events it already holds are dropped, and if the receiver is ahead (this
 * outbox was lost or reset) the pending events are renumbered after it, so they cannot be
 * mistaken for duplicates.
 *
 * <p>Bounded: at most {@code maxPending} unacknowledged events; {@link #add} refuses more with
 * {@link OutboxFullException} (events are never dropped silently).
 */
public final class Outbox implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Outbox.class);
    static final String FRAMES_FILE = "outbox.frames";
    static final String ACKED_FILE = "outbox.acked";
    /** Acknowledged bytes at the head of the frame file that trigger emptying or compacting it. */
    static final long COMPACT_BYTES = 64 * 1024;

    private final OutboxFiles files;
    private final int maxPending;
    /** Guards the memory state; never held across disk I/O, so {@link #next} does not wait for an fsync. */
    private final ReentrantLock lock = new ReentrantLock();
    /** Guards {@link #files}; taken before {@link #lock} when both are needed. */
    private final ReentrantLock fileLock = new ReentrantLock();

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    /**
     * Pending frames from index {@code head}, in ascending sequence order: consecutive, except
     * where recovery skipped a damaged frame ({@link OutboxFiles}).
     */
    private final ArrayList<Frame> pending = new ArrayList<>();

    private int head;
    /** Bytes at the start of the frame file that hold acknowledged frames. */
    private long ackedBytes;

    private long lastSequence;
    private long lastAcked;

    private Outbox(Path dir, int maxPending) {
        this.files = new OutboxFiles(dir);
        this.maxPending = maxPending;
    }

    public static Outbox open(Path dir, int maxPending) throws IOException {
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be >= 1 but was " + maxPending);
        }
        Outbox o = new Outbox(dir, maxPending);
        o.recover(o.files.open());
        return o;
    }

    private void recover(OutboxFiles.Contents contents) {
        lastAcked = contents.acked();
        lastSequence = lastAcked;
        for (Frame f : contents.frames()) {
            lastSequence = Math.max(lastSequence, f.sequence());
            if (f.sequence() > lastAcked) {
                pending.add(f);
            } else {
                ackedBytes += f.wireLength();
            }
        }
        if (!pending.isEmpty()) {
            LOG.infof(
                    "outbox: %d event(s) waiting for the gateway (sequence %d..%d)",
                    pending.size(), pending.get(0).sequence(), lastSequence);
        }
    }

    /** Called after every {@link #add} (outside the lock): wakes a sender waiting for work. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    /** Numbers the event, makes it durable and queues it; returns its sequence number. */
    public long add(Event event) throws IOException {
        long sequence;
        fileLock.lock();
        try {
            long next;
            lock.lock();
            try {
                if (pendingCountLocked() >= maxPending) {
                    throw new OutboxFullException(pendingCountLocked(), maxPending);
                }
                next = lastSequence + 1;
            } finally {
                lock.unlock();
            }
            Frame f = MessageCodec.toFrame(event, next);
            files.append(f);
            lock.lock();
            try {
                lastSequence = f.sequence();
                pending.add(f);
                sequence = f.sequence();
            } finally {
                lock.unlock();
            }
        } finally {
            fileLock.unlock();
        }
        listeners.forEach(Runnable::run);
        return sequence;
    }

    /**
     * The receiver holds everything up to {@code sequence}; forget it. Acks from the past are
     * ignored.
     *
     * @throws OutOfWindowException for an ack above the last number given out
     */
    public void acked(long sequence) throws IOException {
        boolean compact;
        lock.lock();
        try {
            if (sequence <= lastAcked) {
                return;
            }
            if (sequence > lastSequence) {
                throw new OutOfWindowException(
                        "ack", "at most the last sent sequence " + lastSequence, lastSequence, sequence);
            }
            while (head < pending.size() && pending.get(head).sequence() <= sequence) {
                ackedBytes += pending.get(head).wireLength();
                pending.set(head++, null);
            }
            lastAcked = sequence;
            if (head > 1024 && head * 2 > pending.size()) {
                pending.subList(0, head).clear();
                head = 0;
            }
            compact = ackedBytes >= COMPACT_BYTES;
        } finally {
            lock.unlock();
        }
        if (compact) {
            compact();
        }
    }

    /**
     * Reconciles with the receiver's highest durable sequence number, sent at each connection.
     * Drops what it holds; if it is ahead of everything numbered here, renumbers the pending
     * events after it (durably) so they are not taken for duplicates.
     *
     * @return the sequence number after which to send
     */
    public long welcome(long receiverLast) throws IOException {
        fileLock.lock();
        try {
            long last = lastSequence();
            long acked = lastAcked();
            if (receiverLast > last) {
                renumberAfter(receiverLast);
            } else if (receiverLast > acked) {
                acked(receiverLast);
            } else if (receiverLast < acked) {
                LOG.warnf(
                        "outbox: the gateway holds events up to %d only, but acknowledged up to %d before "
                                + "(its journal was lost or reset): events %d..%d cannot be sent again",
                        receiverLast, acked, receiverLast + 1, acked);
            }
            return lastAcked();
        } finally {
            fileLock.unlock();
        }
    }

    /** With the file lock held: no add runs. */
    private void renumberAfter(long receiverLast) throws IOException {
        lock.lock();
        try {
            renumberLocked(receiverLast);
        } finally {
            lock.unlock();
        }
        rewrite();
        files.writeAcked(lastAcked());
    }

    private void renumberLocked(long receiverLast) {
        int count = pendingCountLocked();
        LOG.warnf(
                "outbox: the gateway already holds events up to %d, above the %d numbered here (this outbox "
                        + "was lost or reset): %d pending event(s) renumbered from %d",
                receiverLast, lastSequence, count, receiverLast + 1);
        List<Frame> renumbered = new ArrayList<>(count);
        long next = receiverLast;
        for (int i = head; i < pending.size(); i++) {
            Frame f = pending.get(i);
            renumbered.add(new Frame(f.type(), ++next, f.payload()));
        }
        pending.clear();
        pending.addAll(renumbered);
        head = 0;
        lastAcked = receiverLast;
        lastSequence = next;
        ackedBytes = 0;
    }

    /**
     * Empties the frame file, or rewrites it with the pending frames only. Holds the file lock
     * (adds wait) but the memory lock only briefly, so a sender is never held up by the fsync.
     */
    private void compact() throws IOException {
        fileLock.lock();
        try {
            boolean empty;
            lock.lock();
            try {
                if (ackedBytes < COMPACT_BYTES) {
                    return; // another thread compacted meanwhile
                }
                empty = head == pending.size();
            } finally {
                lock.unlock();
            }
            if (empty) {
                files.writeAcked(lastAcked());
                files.truncateFrames();
                lock.lock();
                try {
                    ackedBytes = 0;
                } finally {
                    lock.unlock();
                }
            } else {
                rewrite();
            }
        } finally {
            fileLock.unlock();
        }
    }

    /** With the file lock held: replaces the frame file with the pending frames. */
    private void rewrite() throws IOException {
        List<Frame> frames;
        lock.lock();
        try {
            frames = List.copyOf(pending.subList(head, pending.size()));
            ackedBytes = 0;
        } finally {
            lock.unlock();
        }
        files.replaceFrames(frames);
    }

    /** Up to {@code max} pending frames after {@code sequence}, oldest first; never waits. */
    public List<Frame> next(long sequence, int max) {
        lock.lock();
        try {
            if (head == pending.size() || sequence >= lastSequence) {
                return List.of();
            }
            int from = firstAfterLocked(sequence);
            int to = (int) Math.min(pending.size(), (long) from + max);
            return List.copyOf(pending.subList(from, to));
        } finally {
            lock.unlock();
        }
    }

    /** Index of the first pending frame numbered above {@code sequence} (numbers ascend, with gaps only where damage was skipped). */
    private int firstAfterLocked(long sequence) {
        int lo = head;
        int hi = pending.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (pending.get(mid).sequence() <= sequence) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
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
            return pendingCountLocked();
        } finally {
            lock.unlock();
        }
    }

    private int pendingCountLocked() {
        return pending.size() - head;
    }

    /** Records the acknowledged number durably and closes the frame file. */
    @Override
    public void close() throws IOException {
        fileLock.lock();
        try {
            if (files.isOpen()) {
                files.writeAcked(lastAcked());
                files.close();
            }
        } finally {
            fileLock.unlock();
        }
    }
}
