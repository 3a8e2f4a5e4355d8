package io.motam.protocol.delivery;

import io.motam.protocol.frame.OutOfWindowException;

/**
 * The receiver's view of one camera's event numbers within a session: which sequence numbers
 * are new (deliver, then ack), which are duplicates (ack again, do not deliver) and which cannot
 * be right (close the link).
 *
 * <pre>
 *   seq &lt;= last             duplicate: a resend of something durable
 *   seq == last + 1          new
 *   seq &gt;  last + 1, first  new after a gap: only when a journal or outbox was lost; logged loudly
 *   seq &gt;  last + 1, later  OutOfWindowException: the camera numbers consecutively within a session
 * </pre>
 *
 * Not thread-safe: owned by the session's reading thread.
 */
public final class SequenceWindow {
    /** How an event's number was judged. */
    public enum Verdict {
        NEW,
        NEW_AFTER_GAP,
        DUPLICATE
    }

    private long last;
    private boolean seenFirst;

    /** Starts after {@code lastDurable}, the number sent in WELCOME. */
    public SequenceWindow(long lastDurable) {
        if (lastDurable < 0) {
            throw new IllegalArgumentException("lastDurable must be >= 0 but was " + lastDurable);
        }
        this.last = lastDurable;
    }

    /**
     * Judges {@code sequence}. NEW and NEW_AFTER_GAP are not yet counted: call {@link #delivered}
     * once the event is durable.
     */
    public Verdict judge(long sequence) throws OutOfWindowException {
        if (sequence <= 0) {
            throw new OutOfWindowException("event sequence", "a number from 1", 1, sequence);
        }
        boolean first = !seenFirst;
        seenFirst = true;
        if (sequence <= last) {
            return Verdict.DUPLICATE;
        }
        if (sequence == last + 1) {
            return Verdict.NEW;
        }
        if (first) {
            return Verdict.NEW_AFTER_GAP;
        }
        throw new OutOfWindowException(
                "event sequence", "at most " + (last + 1) + " within a session", last + 1, sequence);
    }

    /** The event with this number is durable. */
    public void delivered(long sequence) {
        last = Math.max(last, sequence);
    }

    /** The highest durable number: what a cumulative ACK carries. */
    public long last() {
        return last;
    }
}
