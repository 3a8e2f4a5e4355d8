package io.motam.protocol.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;

/**
 * Writes files that hold secrets (the identity key, a pairing QR code): owner-only from the first
 * byte, complete or absent.
 *
 * <p>The temporary file is created with {@code rw-------} passed as a creation attribute, so there
 * is no window in which it exists with the umask's permissions; it is written, forced to storage
 * (a Raspberry Pi loses power without warning) and renamed over the target with
 * {@link StandardCopyOption#ATOMIC_MOVE}. Readers therefore see the old file or the new one, never
 * a partial one. Only POSIX file systems are supported; anything else fails loudly rather than
 * leaving a secret readable.
 */
public final class SecretFile {

    /** {@code rw-------}. */
    public static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    /** {@code rwx------}, used for directories this class creates. */
    public static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private static final SecureRandom TEMP_NAMES = new SecureRandom();

    private SecretFile() {
    }

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
        Path dir = absolute.getParent();
        createOwnerOnlyDirectories(dir);
        Path temp = dir.resolve(temporaryName(absolute));
        Files.createFile(temp, ownerOnly(OWNER_ONLY_FILE, temp));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot atomically replace " + absolute, e);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
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

    private static String temporaryName(Path target) {
        byte[] suffix = new byte[8];
        TEMP_NAMES.nextBytes(suffix);
        return "." + target.getFileName() + ".tmp-" + HexFormat.of().formatHex(suffix);
    }
}
