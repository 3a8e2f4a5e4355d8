package io.motam.gateway.backup;

import io.motam.domain.FileKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored files by camera, kind and SHA-256: finds a file already held with the same content
 * (a resend after a lost ack, a re-offer) without scanning the whole store. Not thread-safe: the
 * backup store's lock guards it.
 */
final class ContentIndex {
    private record Key(String cameraId, FileKind kind, String sha256) {}

    private final Map<Key, List<StoredFile>> byContent = new HashMap<>();

    void add(StoredFile f) {
        byContent.computeIfAbsent(key(f), k -> new ArrayList<>(1)).add(f);
    }

    void remove(StoredFile f) {
        Key k = key(f);
        List<StoredFile> same = byContent.get(k);
        if (same != null && same.removeIf(s -> s.relative().equals(f.relative())) && same.isEmpty()) {
            byContent.remove(k);
        }
    }

    /** The stored files of this camera and kind whose content hashes to {@code sha256} (hex), oldest first. */
    List<StoredFile> find(String cameraId, FileKind kind, String sha256) {
        return List.copyOf(byContent.getOrDefault(new Key(cameraId, kind, sha256), List.of()));
    }

    private static Key key(StoredFile f) {
        return new Key(f.cameraId(), f.kind(), f.sha256());
    }
}
