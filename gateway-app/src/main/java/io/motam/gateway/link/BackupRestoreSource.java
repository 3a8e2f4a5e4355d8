package io.motam.gateway.link;

import io.motam.domain.FileKind;
import io.motam.gateway.backup.BackupStore;
import io.motam.gateway.backup.StoredFile;
import io.motam.protocol.message.RestoreOffer;
import io.motam.protocol.restore.RestoreFile;
import io.motam.protocol.restore.RestoreSource;
import java.io.IOException;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Answers a camera's RESTORE_REQUEST from the backup store: its newest model whose content still
 * matches the hash recorded when it was stored ({@link BackupStore#latestModel}), read and checked
 * again ({@link BackupStore#readVerified}). A corrupt copy is never sent (the read fails and the
 * camera gets RESTORE_NONE); other kinds and files over {@link RestoreOffer#MAX_SIZE} are not
 * restored.
 */
final class BackupRestoreSource implements RestoreSource {
    private static final Logger LOG = Logger.getLogger(BackupRestoreSource.class);

    private final BackupStore store;

    BackupRestoreSource(BackupStore store) {
        this.store = store;
    }

    @Override
    public Optional<RestoreFile> find(String cameraId, FileKind kind) throws IOException {
        if (kind != FileKind.MODEL) {
            return Optional.empty();
        }
        Optional<StoredFile> latest = store.latestModel(cameraId);
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        StoredFile f = latest.get();
        if (f.size() > RestoreOffer.MAX_SIZE) {
            LOG.warnf(
                    "camera %s: model %s is %d bytes, over the %d a restore carries: not restored",
                    cameraId, f.relative(), f.size(), RestoreOffer.MAX_SIZE);
            return Optional.empty();
        }
        return Optional.of(new RestoreFile(kind, f.name(), store.readVerified(f)));
    }
}
