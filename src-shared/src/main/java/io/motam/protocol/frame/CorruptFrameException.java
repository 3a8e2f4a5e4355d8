package io.motam.protocol.frame;

/** A frame header or payload that does not follow the protocol (wrong version, unknown type, bad field). */
public final class CorruptFrameException extends ProtocolException {
    public CorruptFrameException(String message) {
        super(message);
    }
}
