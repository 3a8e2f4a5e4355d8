package io.motam.protocol.frame;

/** The stream ended inside a frame. */
public final class TruncatedFrameException extends ProtocolException {
    public TruncatedFrameException(int expected, int got) {
        super("stream ended inside a frame: expected " + expected + " bytes but got " + got);
    }
}
