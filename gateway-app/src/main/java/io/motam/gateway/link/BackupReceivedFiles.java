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
 * {@link BackupStore#store} with the SHA-256 the receiver verified (the file is not hashed again),
 * which stores a resent file only once and indexes it (fsync'd) before returning; a file whose
 * bytes did not match its offer is reported to the store's listener as rejected. A re-offer is answered OK only while the store's index
 * holds that content; a transfer is admitted only while the store's free-space floor allows it.
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
    public boolean holds(String cameraId, FileOffer offer) {
        return store.holds(cameraId, offer.kind(), offer.sha256());
    }

    @Override
    public void admit(String cameraId, FileOffer offer, long bytesHeld) throws IOException {
        store.admit(cameraId, offer.toString(), Math.max(0, offer.size() - bytesHeld));
    }

    @Override
    public void completed(String cameraId, FileOffer offer, Path verifiedFile) throws IOException {
        store.store(cameraId, offer.kind(), offer.name(), verifiedFile, offer.sha256());
    }

    @Override
    public void rejected(String cameraId, FileOffer offer, byte[] actualSha256) {
        store.rejected(cameraId, offer.kind(), offer.name(), offer.size(), offer.sha256(), actualSha256);
    }
}
