package io.motam.protocol.message;

import io.motam.protocol.frame.FrameType;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * Gateway to camera (version 3): bytes of the file named by the last {@link RestoreOffer}, at an
 * offset. Chunks come in order, each starting where the previous one ended, at most 64 KiB each;
 * the length is what the frame leaves.
 *
 * <pre>
 *  0                  8
 *  +------------------+--------------------------------------+
 *  | offset (u64, BE) | bytes (frame length - 8, at least 1) |
 *  +------------------+--------------------------------------+
 *  offset 0 .. RestoreOffer.MAX_SIZE
 * </pre>
 *
 * @param offset where {@code data} starts in the file
 * @param data at least one byte (copied in and out)
 */
public record RestoreChunk(long offset, byte[] data) implements Message {
    /** Payload bytes before the data: the offset. */
    public static final int HEADER_LENGTH = Long.BYTES;

    public RestoreChunk {
        Objects.requireNonNull(data, "data");
        if (offset < 0 || offset > RestoreOffer.MAX_SIZE) {
            throw new IllegalArgumentException(
                    "expected an offset of 0.." + RestoreOffer.MAX_SIZE + " but was " + offset);
        }
        if (data.length == 0) {
            throw new IllegalArgumentException("expected at least one byte in a chunk but was none");
        }
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Feeds the data into a digest without a copy. */
    public void updateDigest(MessageDigest digest) {
        digest.update(data);
    }

    /** Writes the data without a copy. */
    public void writeTo(java.io.OutputStream out) throws java.io.IOException {
        out.write(data);
    }

    public int length() {
        return data.length;
    }

    /** The offset just past this chunk. */
    public long end() {
        return offset + data.length;
    }

    @Override
    public FrameType frameType() {
        return FrameType.RESTORE_CHUNK;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RestoreChunk c && c.offset == offset && Arrays.equals(c.data, data);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(offset) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "RestoreChunk[@" + offset + " +" + data.length + "]";
    }
}
