package io.motam.protocol.frame;

/** A frame announced a payload over the receiver's limit; nothing was allocated for it. */
public final class FrameTooLongException extends ProtocolException {
    private final long length;
    private final int limit;

    public FrameTooLongException(long length, int limit) {
        super("frame payload of " + length + " bytes is over the limit of " + limit);
        this.length = length;
        this.limit = limit;
    }

    public long length() {
        return length;
    }

    public int limit() {
        return limit;
    }
}
