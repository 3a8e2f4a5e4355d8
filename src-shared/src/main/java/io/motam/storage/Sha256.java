package io.motam.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of files, file prefixes and byte arrays: file offers, their verification, stored-file checks. */
public final class Sha256 {
    /** Bytes of a SHA-256 hash. */
    public static final int LENGTH = 32;

    private static final int BUFFER = 64 * 1024;

    private Sha256() {}

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Feeds the first {@code length} bytes of {@code file} into {@code digest}. */
    public static void update(MessageDigest digest, Path file, long length) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(BUFFER);
            long done = 0;
            while (done < length) {
                buf.clear().limit((int) Math.min(BUFFER, length - done));
                int n = ch.read(buf, done);
                if (n < 0) {
                    throw new IOException(file + " ended at " + done + " bytes, expected " + length);
                }
                buf.flip();
                digest.update(buf);
                done += n;
            }
        }
    }

    /** The hash of the first {@code length} bytes of {@code file}. */
    public static byte[] of(Path file, long length) throws IOException {
        MessageDigest d = digest();
        update(d, file, length);
        return d.digest();
    }

    /** The hash of the whole of {@code file}. */
    public static byte[] of(Path file) throws IOException {
        return of(file, Files.size(file));
    }

    public static byte[] of(byte[] content) {
        return digest().digest(content);
    }

    /** Lower-case hex, as indexes and logs show hashes. */
    public static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }
}
