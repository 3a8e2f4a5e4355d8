package io.motam.protocol.message;

import io.motam.domain.FileKind;
import io.motam.protocol.frame.FrameType;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Camera to gateway: "I have this file for you". Opens (or resumes) a transfer; the gateway
 * answers with a {@link FileAck} naming the offset to send from, or a {@link FileDone} when it
 * already holds the file or refuses it.
 *
 * <pre>
 *  0                16      17                 25                 57        59
 *  +----------------+-------+------------------+------------------+---------+------------+
 *  | fileId (uuid)  | kind  | size (u64, BE)   | sha256 (32)      | nameLen | name UTF-8 |
 *  |   16 bytes     |  u8   |                  |                  |  u16    | nameLen B  |
 *  +----------------+-------+------------------+------------------+---------+------------+
 *  kind: 1 SNAPSHOT, 2 LOG, 3 MODEL; name: [A-Za-z0-9._-]{1,128}, not starting with '.'
 * </pre>
 *
 * @param fileId stable id of this file, the same across reconnects and restarts
 * @param kind what the file holds
 * @param name the file's name for the gateway's store (no path)
 * @param size bytes, 0 .. {@link #MAX_SIZE}
 * @param sha256 SHA-256 of the whole content, 32 bytes (copied in and out)
 */
public record FileOffer(UUID fileId, FileKind kind, String name, long size, byte[] sha256) implements Message {
    public static final int SHA256_LENGTH = 32;
    public static final int MAX_NAME_LENGTH = 128;
    /** 2^40 bytes: far beyond any snapshot, log or model, and safe to add a chunk to. */
    public static final long MAX_SIZE = 1L << 40;
    /** A plain file name: no separators, no leading dot, so it cannot leave its folder. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0," + (MAX_NAME_LENGTH - 1) + "}");
    /** Bytes before the name: fileId, kind, size, sha256, name length. */
    public static final int FIXED_LENGTH = 16 + 1 + Long.BYTES + SHA256_LENGTH + 2;

    public FileOffer {
        Objects.requireNonNull(fileId, "fileId");
        Objects.requireNonNull(kind, "kind");
        sha256 = OfferedContent.checked(name, size, MAX_SIZE, sha256);
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    /** The SHA-256 in lower-case hex, for logs. */
    public String sha256Hex() {
        return HexFormat.of().formatHex(sha256);
    }

    /** Whether {@code digest} is this offer's SHA-256 (constant time). */
    public boolean matches(byte[] digest) {
        return MessageDigest.isEqual(sha256, digest);
    }

    @Override
    public FrameType frameType() {
        return FrameType.FILE_OFFER;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileOffer f
                && f.fileId.equals(fileId)
                && f.kind == kind
                && f.name.equals(name)
                && f.size == size
                && MessageDigest.isEqual(f.sha256, sha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fileId, kind, name, size);
    }

    @Override
    public String toString() {
        return "FileOffer[" + fileId + " " + kind + " " + name + " " + size + " B sha256=" + sha256Hex() + "]";
    }
}
