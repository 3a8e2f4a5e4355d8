package io.motam.gateway.backup;

import io.motam.storage.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Whether stored files still match their index entries (size and SHA-256), hashing a file again
 * only when its size or modification time changed since it was last checked. Not thread-safe:
 * the backup store's lock guards it.
 */
final class IntegrityCache {
    private static final Logger LOG = Logger.getLogger(IntegrityCache.class);

    private record Checked(long size, long modified, Integrity integrity) {}

    private final Map<String, Checked> checks = new HashMap<>();

    /** Size and hash of {@code f} against its index entry, recomputed only when the file's size or time changed. */
    Integrity check(StoredFile f) {
        try {
            if (!Files.isRegularFile(f.path())) {
                return Integrity.MISSING;
            }
            long size = Files.size(f.path());
            long modified = Files.getLastModifiedTime(f.path()).toMillis();
            Checked c = checks.get(f.relative());
            if (c != null && c.size() == size && c.modified() == modified) {
                return c.integrity();
            }
            Integrity result =
                    size == f.size() && Sha256.hex(Sha256.of(f.path())).equals(f.sha256())
                            ? Integrity.VERIFIED
                            : Integrity.CORRUPT;
            if (result == Integrity.CORRUPT) {
                LOG.warnf(
                        "backup %s does not match its index (size %d, expected %d): reported as corrupt",
                        f.relative(), size, f.size());
            }
            checks.put(f.relative(), new Checked(size, modified, result));
            return result;
        } catch (IOException e) {
            return Integrity.MISSING;
        }
    }

    /** Records that {@code f}, as it is on disk now, holds the content its hash was verified for. */
    void verified(StoredFile f) throws IOException {
        checks.put(
                f.relative(),
                new Checked(f.size(), Files.getLastModifiedTime(f.path()).toMillis(), Integrity.VERIFIED));
    }

    void forget(StoredFile f) {
        checks.remove(f.relative());
    }
}
