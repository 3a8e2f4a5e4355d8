package io.motam.gateway.backup;

import io.motam.domain.FileKind;

/**
 * Told what the {@link BackupStore} did with a camera's file (published on MQTT
 * {@code events/backup}). Called with the store's lock held: it must be quick and must not call
 * back into the store.
 */
@FunctionalInterface
public interface BackupListener {
    BackupListener NONE = change -> {};

    /** What happened to the file. */
    enum Outcome {
        /** Received, verified and stored. */
        STORED,
        /** The same content from the same camera and kind was already stored (a resend). */
        ALREADY_STORED,
        /** Received but its SHA-256 did not match the camera's offer: deleted. */
        REJECTED,
        /** Removed by retention (age or size). */
        EXPIRED
    }

    /**
     * @param file   the stored file's path in the store ({@code <camera>/<day>/<kind>/<name>}), or the
     *               offered name for a rejected file
     * @param sha256 hex; for a rejected file, the one the camera announced
     * @param reason why (rejected, expired), or null
     */
    record Change(
            Outcome outcome, String cameraId, FileKind kind, String file, long size, String sha256, String reason) {}

    void changed(Change change);
}
