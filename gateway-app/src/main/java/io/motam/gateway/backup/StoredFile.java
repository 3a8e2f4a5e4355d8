package io.motam.gateway.backup;

import io.motam.domain.FileKind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * A file in the backup store as recorded in its index.
 *
 * @param cameraId  the camera it came from
 * @param kind      what it is
 * @param name      its name as stored (the camera's name, made unique within its folder)
 * @param relative  its path below the store's root, e.g. {@code cam1/2026-11-23/snapshot/a.jpg}
 * @param path      its absolute path
 * @param size      its length in bytes
 * @param sha256    SHA-256 of its content, lower-case hex
 * @param storedAt  when the store took it
 */
public record StoredFile(
        String cameraId,
        FileKind kind,
        String name,
        String relative,
        Path path,
        long size,
        String sha256,
        Instant storedAt) {
    public StoredFile {
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(relative, "relative");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(storedAt, "storedAt");
    }
}
