package io.motam.protocol.session;

import io.motam.storage.AtomicFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;

/**
 * Writes files that hold secrets (the identity key, a pairing QR code): owner-only from the first
 * byte, complete or absent.
 *
 * <p>The write itself is {@link AtomicFiles#write} with owner-only permissions: the temporary file
 * is created with {@code rw-------} passed as a creation attribute, so there is no window in which
 * it exists with the umask's permissions; it is written, forced to storage (a Raspberry Pi loses
 * power without warning) and renamed over the target atomically. Readers therefore see the old
 * file or the new one, never a partial one. Only POSIX file systems are supported; anything else fails loudly rather than
 * leaving a secret readable.
 */
public final class SecretFile {

    /** {@code rw-------}. */
    public static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    /** {@code rwx------}, used for directories this class creates. */
    public static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private SecretFile() {}

    /**
     * Atomically replaces {@code target} with {@code content}, readable and writable by the owner
     * only. A missing parent directory is created owner-only.
     *
     * @throws IOException if the file system is not POSIX or any step fails; no temporary file is
     *         left behind
     */
    public static void write(Path target, byte[] content) throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(content, "content");
        Path absolute = target.toAbsolutePath();
        createOwnerOnlyDirectories(absolute.getParent());
        ownerOnly(OWNER_ONLY_FILE, absolute); // refuses a file system without POSIX permissions
        AtomicFiles.write(absolute, content, true);
    }

    /** Creates {@code dir} and any missing parents with {@code rwx------}; existing ones are left as they are. */
    public static void createOwnerOnlyDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createOwnerOnlyDirectories(parent);
        }
        try {
            Files.createDirectory(absolute, ownerOnly(OWNER_ONLY_DIRECTORY, absolute));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(absolute)) {
                throw e;
            }
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnly(Set<PosixFilePermission> permissions, Path path)
            throws IOException {
        if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            throw new IOException("cannot create " + path + " owner-only: the file system has no POSIX permissions");
        }
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}
