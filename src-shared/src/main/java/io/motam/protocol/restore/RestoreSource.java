package io.motam.protocol.restore;

import io.motam.domain.FileKind;
import java.io.IOException;
import java.util.Optional;

/**
 * The gateway's hook: the last file of a kind kept for a camera, for a RESTORE_REQUEST. Called on
 * the connection's reading thread. A file that no longer matches its stored hash must not be
 * returned (empty, or an {@link IOException}: either way the camera gets RESTORE_NONE).
 */
@FunctionalInterface
public interface RestoreSource {
    /** Keeps nothing: every request is answered with RESTORE_NONE. */
    RestoreSource NONE = (cameraId, kind) -> Optional.empty();

    Optional<RestoreFile> find(String cameraId, FileKind kind) throws IOException;
}
