package io.motam.protocol.frame;

/**
 * A well-formed message that the conversation does not allow here: a WELCOME sent by a camera,
 * an EVENT before the WELCOME, a FILE_CHUNK for a file that was never offered. Names the state
 * and what was expected, e.g. "in state OPEN expected EVENT, FILE_OFFER, ... but was WELCOME".
 */
public final class UnexpectedMessageException extends ProtocolException {
    public UnexpectedMessageException(String state, String expected, FrameType actual) {
        super("in state " + state + " expected " + expected + " but was " + actual);
    }
}
