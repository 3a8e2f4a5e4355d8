package io.motam.protocol.restore;

import io.motam.domain.FileKind;
import java.nio.file.Path;

/**
 * The camera's hook: where a restored file goes and who hears the outcome. The uplink asks once
 * per start, on the first connection of version 3 or later, and again after a connection that
 * ended mid-transfer. Called on the connection's reading thread.
 */
public interface RestoreTarget {
    /** The kind to ask for. */
    FileKind kind();

    /** The folder the file is written to (created if missing); the file keeps its offered name. */
    Path folder();

    /** The file arrived whole, its SHA-256 matched, and it is durable at {@code file}. */
    void restored(FileKind kind, Path file);

    /** The gateway keeps nothing usable (RESTORE_NONE), or what came did not match its hash. */
    void unavailable(FileKind kind);
}
