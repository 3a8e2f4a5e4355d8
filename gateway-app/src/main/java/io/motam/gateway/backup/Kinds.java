package io.motam.gateway.backup;

import io.motam.domain.FileKind;
import java.util.Locale;
import java.util.Optional;

/** How the store names and ranks {@link FileKind}s: folder names, and which kinds are evidence. */
public final class Kinds {
    private Kinds() {}

    /** Folder name on disk and name in the index and the HTTP API: {@code snapshot}, {@code log}, {@code model}. */
    public static String label(FileKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FileKind> fromLabel(String label) {
        for (FileKind k : FileKind.values()) {
            if (label(k).equalsIgnoreCase(label)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** Snapshots and logs are evidence (retention removes them oldest first); models are not. */
    public static boolean evidence(FileKind kind) {
        return kind != FileKind.MODEL;
    }
}
