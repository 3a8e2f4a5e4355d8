package io.motam.protocol.file;

import java.io.IOException;

/** The camera's file queue cannot take a file, even after dropping every queued snapshot. */
public final class FileOutboxFullException extends IOException {
    public FileOutboxFullException(String file, long size, int files, long bytes, FileOutbox.Limits limits) {
        super("file queue full: cannot queue " + file + " (" + size + " bytes) next to " + files + " file(s) of "
                + bytes + " bytes; limits " + limits.maxFiles() + " files, " + limits.maxBytes() + " bytes");
    }
}
