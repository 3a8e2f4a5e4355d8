package io.motam.protocol.frame;

import java.io.IOException;

/** Base of the few exceptions that bad input on the link raises. The link closes on any of them. */
public class ProtocolException extends IOException {
    public ProtocolException(String message) {
        super(message);
    }
}
