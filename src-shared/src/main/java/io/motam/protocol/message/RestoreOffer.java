package io.motam.protocol.message;

import io.motam.domain.FileKind;
import io.motam.protocol.frame.FrameType;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Gateway to camera (version 3): the file asked for by a {@link RestoreRequest} follows in
 * {@link RestoreChunk}s, from offset 0, in order, until {@code size} bytes have come. There is
 * one restore per connection, so it needs no id. The camera checks the SHA-256 before it keeps
 * the file.
 *
 * <pre>
 *  0       1                  9                  41        43
 *  +-------+------------------+------------------+---------+------------+
 *  | kind  | size (u64, BE)   | sha256 (32)      | nameLen | name UTF-8 |
 *  |  u8   |                  |                  |  u16    | nameLen B  |
 *  +-------+------------------+------------------+---------+------------+
 *  kind: 1 SNAPSHOT, 2 LOG, 3 MODEL; size 0 .. MAX_SIZE (64 MiB);
 *  name: [A-Za-z0-9._-]{1,128}, not starting with '.' (as in FILE_OFFER)
 * </pre>
 *
 * @param kind what the file holds (the kind asked for)
 * @param name the file's name as it was backed up (no path)
 * @param size bytes, 0 .. {@link #MAX_SIZE}
 * @param sha256 SHA-256 of the whole content, 32 bytes (copied in and out)
 */
public record RestoreOffer(FileKind kind, String name, long size, byte[] sha256) implements Message {
    /** 64 MiB: a model (about 10 MB) with room to grow; larger stored files are not restored. */
    public static final long MAX_SIZE = 64L * 1024 * 1024;
    /** Bytes before the name: kind, size, sha256, name length. */
    public static final int FIXED_LENGTH = 1 + Long.BYTES + FileOffer.SHA256_LENGTH + 2;

    public RestoreOffer {
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
        return FrameType.RESTORE_OFFER;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RestoreOffer f
                && f.kind == kind
                && f.name.equals(name)
                && f.size == size
                && MessageDigest.isEqual(f.sha256, sha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, name, size);
    }

    @Override
    public String toString() {
        return "RestoreOffer[" + kind + " " + name + " " + size + " B sha256=" + sha256Hex() + "]";
    }
}
