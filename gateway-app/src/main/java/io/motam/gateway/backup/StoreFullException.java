package io.motam.gateway.backup;

import java.io.IOException;

/** Receiving a file would leave the backup file system with less free space than {@code motam.backup.min-free}. */
public final class StoreFullException extends IOException {
    public StoreFullException(String message) {
        super(message);
    }
}
