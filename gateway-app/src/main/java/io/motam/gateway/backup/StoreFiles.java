package io.motam.gateway.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** How a received file takes its place in the backup store's tree. */
final class StoreFiles {
    private StoreFiles() {
    }

    /**
     * Moves a completely received file to {@code to} so that it is there whole or not at all after
     * a power cut: fsync, atomic rename (copy, fsync and rename on another file system), fsync of
     * the folder.
     */
    static void moveDurably(Path from, Path to) throws IOException {
        try (FileChannel ch = FileChannel.open(from, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // another file system: copy next to the target, fsync, then rename there
            Path part = to.resolveSibling("." + to.getFileName() + ".part");
            Files.copy(from, part, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(part, to, StandardCopyOption.ATOMIC_MOVE);
            Files.delete(from);
        }
        try (FileChannel dir = FileChannel.open(to.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // not every file system syncs a folder; the rename is atomic all the same
        }
    }

    /** {@code dir/name}, or {@code dir/<base>-2.<ext>}, {@code -3} ... when that name is taken. */
    static Path unique(Path dir, String name) {
        Path p = dir.resolve(name);
        if (!Files.exists(p)) {
            return p;
        }
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int i = 2;; i++) {
            p = dir.resolve(base + "-" + i + ext);
            if (!Files.exists(p)) {
                return p;
            }
        }
    }
}
