package io.motam.camera.evidence;

import io.motam.domain.FileKind;
import java.nio.file.Path;

/**
 * Hands a finished file to whatever carries files to the gateway (the file queue of the uplink).
 *
 * <p>Contract: {@code file} is complete and will not be modified again under that name (the
 * camera writes a new file, or atomically replaces it, for a newer version); the implementation
 * copies or links what it needs before returning, and must return quickly because it is called on
 * the vision thread. It never throws for a delivery problem: it logs it and keeps the file for a
 * later attempt.
 */
public interface FileDispatch {

    /** Queues {@code file} of the given kind for delivery. */
    void send(FileKind kind, Path file);
}
