package io.motam.gateway.link;

import io.motam.gateway.backup.BackupStore;
import io.motam.protocol.file.ReceivedFiles;
import io.motam.protocol.message.FileOffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files from the cameras go to the backup store: partial transfers in its {@code .incoming/<camera>}
 * folder (same file system, so the final move is a rename), completed ones through
 * {@link BackupStore#store}, which checks the SHA-256 again, stores a resent file only once and
 * indexes it.
 */
final class BackupReceivedFiles implements ReceivedFiles {
    private final BackupStore store;

    BackupReceivedFiles(BackupStore store) {
        this.store = store;
    }

    @Override
    public Path partialDir(String cameraId) throws IOException {
        return Files.createDirectories(store.incomingDir().resolve(cameraId));
    }

    @Override
    public void completed(String cameraId, FileOffer offer, Path verifiedFile) throws IOException {
        store.store(cameraId, offer.kind(), offer.name(), verifiedFile, offer.sha256());
    }
}
