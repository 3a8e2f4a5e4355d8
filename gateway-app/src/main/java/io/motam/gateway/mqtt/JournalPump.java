package io.motam.gateway.mqtt;

import io.motam.gateway.journal.Cursor;
import io.motam.gateway.journal.EventJournal;
import io.motam.gateway.journal.JournalEntry;
import io.motam.gateway.journal.JournalReader;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * Moves the journal to the broker in order, with a bounded window of unacknowledged QoS 1
 * publishes, and advances the persisted cursor only over the contiguous prefix the broker has
 * acknowledged. Each entry is published with its payload's JSON bytes as the journal line holds
 * them (never parsed into a tree and written again).
 *
 * <pre>
 *   journal:  ... 41 42 43 44 45 46 47 48 ...
 *   cursor:         ^ 42 (acked and persisted)
 *   window:           [43 acked][44 sent][45 sent] ... at most maxInflight entries
 *   reader:                                      ^ next to read
 * </pre>
 *
 * <p>When a connection ends, every entry of the window without PUBACK is sent again, in order,
 * on the next connection, before anything newer: nothing is lost or reordered; an entry the
 * broker had received but whose PUBACK was lost is delivered twice with identical content (same
 * {@code id}). A publish refused while the connection stays up forces a reconnect, so that the
 * resend cannot overtake newer entries either. The cursor file is written at most every
 * {@link #CURSOR_EVERY} while busy and at once when idle; after a crash the entries acked since
 * are sent again (same ids). Not thread-safe: one thread calls {@link #step()}.
 */
public final class JournalPump {
    private static final Logger LOG = Logger.getLogger(JournalPump.class);
    /** Longest time acked progress stays unpersisted while entries keep flowing. */
    static final Duration CURSOR_EVERY = Duration.ofMillis(200);
    /**
     * How long a publish refused on a connection that still looks alive may wait for the
     * connection to be reported lost (usually milliseconds) before the pump forces a reconnect.
     */
    static final Duration LIVE_FAILURE_GRACE = Duration.ofSeconds(2);
    /** Time between two compactions of the journal. */
    static final Duration COMPACT_EVERY = Duration.ofMinutes(1);

    private final EventJournal journal;
    private final Cursor cursor;
    private final AckedPublisher publisher;
    private final UnaryOperator<String> topicOf;
    private final int maxInflight;
    private final Runnable wakeup;
    private final ArrayDeque<InFlight> window = new ArrayDeque<>();
    private JournalReader reader;
    private long acked;
    private long lastCursorWrite;
    private long lastCompaction;
    private long reconnectRequestedFor = -1;
    private long liveFailureSeen;
    private long liveFailureGeneration = -1;
    private long published;

    /**
     * @param topicOf turns a journal topic suffix into the full MQTT topic
     * @param wakeup  called (from any thread) when an ack arrives: makes the caller run {@link #step()} again
     */
    public JournalPump(
            EventJournal journal,
            Cursor cursor,
            AckedPublisher publisher,
            UnaryOperator<String> topicOf,
            int maxInflight,
            Runnable wakeup) {
        if (maxInflight < 1) {
            throw new IllegalArgumentException("max in-flight must be at least 1 but was " + maxInflight);
        }
        this.journal = journal;
        this.cursor = cursor;
        this.publisher = publisher;
        this.topicOf = topicOf;
        this.maxInflight = maxInflight;
        this.wakeup = wakeup;
        this.acked = cursor.position();
    }

    /** Does what can be done now without blocking; call again after {@code wakeup} or a journal append. */
    public void step() throws IOException {
        if (reader == null) {
            reader = journal.reader(cursor.position());
        }
        while (!window.isEmpty() && window.peekFirst().state() == State.ACKED) {
            acked = window.pollFirst().entry.index();
        }
        persistCursor(false);
        compactNowAndThen();
        if (!publisher.connected()) {
            return;
        }
        long gen = publisher.generation();
        for (InFlight f : window) {
            if (f.state() == State.PENDING && f.generation != gen) {
                return; // the old connection's publishes are still failing over: resend after them
            }
        }
        for (InFlight f : window) {
            if (f.state() == State.FAILED) {
                if (f.generation == gen) {
                    liveFailure(f, gen);
                    return;
                }
                send(f, gen);
            }
        }
        while (window.size() < maxInflight) {
            JournalEntry e = reader.next();
            if (e == null) {
                break;
            }
            InFlight f = new InFlight(e, e.payload());
            window.addLast(f);
            send(f, gen);
        }
    }

    /**
     * A publish of the current connection failed while the connection still counts as up: most
     * often the connection is dying and will be reported lost at once. If it is not within
     * {@link #LIVE_FAILURE_GRACE}, reconnect, so that the resend cannot overtake newer entries.
     */
    private void liveFailure(InFlight f, long gen) {
        long now = System.nanoTime();
        if (liveFailureGeneration != gen) {
            liveFailureGeneration = gen;
            liveFailureSeen = now;
            return;
        }
        if (reconnectRequestedFor != gen && now - liveFailureSeen >= LIVE_FAILURE_GRACE.toNanos()) {
            reconnectRequestedFor = gen;
            LOG.warnf(
                    "MQTT publish of journal entry %d refused on a live connection (%s); reconnecting to resend in order",
                    f.entry.index(), f.failure());
            publisher.reconnect();
        }
    }

    private void send(InFlight f, long gen) {
        f.generation = gen;
        f.ack = publisher.publish(topicOf.apply(f.entry.topic()), f.payload, false, gen);
        f.ack.whenComplete((v, t) -> wakeup.run());
        published++;
    }

    /** Writes the acked position when it moved and either the window is idle or {@code force} or enough time passed. */
    public void persistCursor(boolean force) throws IOException {
        if (acked <= cursor.position()) {
            return;
        }
        long now = System.nanoTime();
        if (force || window.isEmpty() || now - lastCursorWrite >= CURSOR_EVERY.toNanos()) {
            cursor.advance(acked);
            lastCursorWrite = now;
        }
    }

    private void compactNowAndThen() {
        long now = System.nanoTime();
        if (lastCompaction != 0 && now - lastCompaction < COMPACT_EVERY.toNanos()) {
            return;
        }
        lastCompaction = now;
        try {
            journal.compact(cursor.position(), Instant.now());
        } catch (IOException e) {
            LOG.warnf("journal compaction failed: %s", e.getMessage());
        }
    }

    /** Highest journal index the broker acknowledged, contiguously from the start. */
    public long acked() {
        return acked;
    }

    /** Entries in the window (sent or to be resent, not yet acknowledged in order). */
    public int inFlight() {
        return window.size();
    }

    /** PUBLISH packets sent so far, resends included. */
    public long published() {
        return published;
    }

    public void close() throws IOException {
        persistCursor(true);
        if (reader != null) {
            reader.close();
        }
    }

    private enum State {
        PENDING,
        ACKED,
        FAILED
    }

    /** One window slot: the entry, its bytes, and the publish of its current attempt. */
    private static final class InFlight {
        final JournalEntry entry;
        final byte[] payload;
        long generation;
        CompletableFuture<Void> ack;

        InFlight(JournalEntry entry, byte[] payload) {
            this.entry = entry;
            this.payload = payload;
        }

        State state() {
            if (!ack.isDone()) {
                return State.PENDING;
            }
            return ack.isCompletedExceptionally() ? State.FAILED : State.ACKED;
        }

        String failure() {
            try {
                ack.join();
                return "none";
            } catch (RuntimeException e) {
                return e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            }
        }
    }
}
