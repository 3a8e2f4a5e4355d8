package io.motam.gateway.backup;

import java.io.IOException;

/** A stored file no longer matches the SHA-256 of its index entry: it is never served. */
public final class CorruptTransferException extends IOException {
    public CorruptTransferException(String message) {
        super(message);
    }
}
