package io.motam.protocol.frame;

/**
 * A number that must follow on from what came before does not: an event sequence number that
 * jumps ahead in the middle of a session, an ACK for an event never sent, a file chunk at an
 * offset other than the next one or past the offered size. Carries what was expected and what
 * came.
 */
public final class OutOfWindowException extends ProtocolException {
    private final String what;
    private final long expected;
    private final long actual;

    public OutOfWindowException(String what, String expected, long expectedValue, long actual) {
        super(what + ": expected " + expected + " but was " + actual);
        this.what = what;
        this.expected = expectedValue;
        this.actual = actual;
    }

    /** Which number, e.g. "event sequence", "chunk offset". */
    public String what() {
        return what;
    }

    /** The bound or value that was expected. */
    public long expected() {
        return expected;
    }

    public long actual() {
        return actual;
    }
}
