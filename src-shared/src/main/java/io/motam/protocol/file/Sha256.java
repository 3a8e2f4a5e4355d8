package io.motam.protocol.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 of files and file prefixes, for offers and their verification. */
final class Sha256 {
    private static final int BUFFER = 64 * 1024;

    private Sha256() {
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Feeds the first {@code length} bytes of {@code file} into {@code digest}. */
    static void update(MessageDigest digest, Path file, long length) throws IOException {
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

    static byte[] of(Path file, long length) throws IOException {
        MessageDigest d = digest();
        update(d, file, length);
        return d.digest();
    }
}
