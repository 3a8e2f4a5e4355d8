package io.motam.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * Whole-file steps that survive a crash. {@link #write}: write a temporary sibling, fsync it,
 * rename it over the target, fsync the folder; readers see the old or the new content, never a
 * mix. {@link #moveDurably}: a finished file takes its final name whole or not at all.
 */
public final class AtomicFiles {
    private static final SecureRandom TEMP_NAMES = new SecureRandom();

    private AtomicFiles() {}

    /** Replaces {@code target} with {@code content}; {@code ownerOnly} makes it rw------- from creation. */
    public static void write(Path target, byte[] content, boolean ownerOnly) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // a name of its own per write: two writers of one target never share a temporary file
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp-" + Long.toHexString(TEMP_NAMES.nextLong()));
        createFile(tmp, ownerOnly);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp); // only left when a step failed
        }
        syncDirectory(dir);
    }

    /**
     * Moves a finished file to {@code to} so that after a power cut it is there whole or not at
     * all: fsync, atomic rename (on another file system: copy next to the target, fsync, rename
     * there, delete the source), fsync of the target's folder. The caller picks a name that is
     * free: whether an existing {@code to} is replaced depends on the file system.
     */
    public static void moveDurably(Path from, Path to) throws IOException {
        try (FileChannel ch = FileChannel.open(from, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Path part = to.resolveSibling("." + to.getFileName() + ".part");
            Files.copy(from, part, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(part, to, StandardCopyOption.ATOMIC_MOVE);
            Files.delete(from);
        }
        syncDirectory(to.toAbsolutePath().getParent());
    }

    /** Creates an empty file, owner-only when asked and supported. */
    public static void createFile(Path file, boolean ownerOnly) throws IOException {
        if (ownerOnly && supportsPosix(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }

    /** Creates a folder (and parents) readable by the owner only, where the file system allows. */
    public static Path ownerOnlyDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (supportsPosix(dir)) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        return dir;
    }

    private static boolean supportsPosix(Path p) {
        Path abs = p.toAbsolutePath();
        Set<String> views = abs.getFileSystem().supportedFileAttributeViews();
        return views.contains("posix");
    }

    /** Makes the entries of {@code dir} (renames, creations) durable where the file system allows. */
    public static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot open a folder for sync; the rename itself is still atomic
        }
    }
}
