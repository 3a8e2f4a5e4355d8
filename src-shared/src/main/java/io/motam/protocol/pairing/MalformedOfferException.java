package io.motam.protocol.pairing;

import java.io.IOException;

/**
 * Text that was offered as a pairing offer is not one: wrong prefix, bad base64url, a length out
 * of range, an unsupported version, trailing bytes. The message says "expected X but was Y" and
 * never contains the secret.
 */
public final class MalformedOfferException extends IOException {

    private static final long serialVersionUID = 1L;

    public MalformedOfferException(String message) {
        super(message);
    }

    public MalformedOfferException(String message, Throwable cause) {
        super(message, cause);
    }
}
