package io.motam.gateway.backup;

import java.io.IOException;

/** A received file does not match the SHA-256 its sender announced, or a stored file no longer matches its index. */
public final class CorruptTransferException extends IOException {
    public CorruptTransferException(String message) {
        super(message);
    }
}
