package io.motam.protocol.message;

import io.motam.protocol.frame.FrameType;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.UUID;

/**
 * Camera to gateway: bytes of an offered file at an offset. Chunks of one file are sent in
 * order, each starting where the previous one ended; the length is what the frame leaves.
 *
 * <pre>
 *  0                16                 24
 *  +----------------+------------------+---------------------------------------+
 *  | fileId (uuid)  | offset (u64, BE) | bytes (frame length - 24, at least 1) |
 *  +----------------+------------------+---------------------------------------+
 * </pre>
 *
 * A 64 KiB chunk is 65 536 + 24 payload bytes, 65 574 with the frame header.
 *
 * <p>Immutable, but not a record: a decoded chunk is a read-only view of its frame's payload
 * (itself never exposed), so a chunk is not copied twice on its way from the TLS layer to the
 * file. The public constructor copies.
 */
public final class FileChunk implements Message {
    /** Payload bytes before the data: fileId and offset. */
    public static final int HEADER_LENGTH = 16 + Long.BYTES;
    /** The default amount of file data per chunk: 64 KiB. */
    public static final int DEFAULT_DATA_LENGTH = 64 * 1024;

    private final UUID fileId;
    private final long offset;
    private final ByteBuffer data;

    /**
     * @param fileId the offered file
     * @param offset where {@code bytes} start in the file
     * @param bytes at least one byte (copied)
     */
    public FileChunk(UUID fileId, long offset, byte[] bytes) {
        this(
                fileId,
                offset,
                ByteBuffer.wrap(Objects.requireNonNull(bytes, "bytes").clone()).asReadOnlyBuffer());
    }

    private FileChunk(UUID fileId, long offset, ByteBuffer readOnly) {
        Objects.requireNonNull(fileId, "fileId");
        if (offset < 0 || offset > FileOffer.MAX_SIZE) {
            throw new IllegalArgumentException("expected an offset of 0.." + FileOffer.MAX_SIZE + " but was " + offset);
        }
        if (!readOnly.hasRemaining()) {
            throw new IllegalArgumentException("expected at least one byte in a chunk but was none");
        }
        this.fileId = fileId;
        this.offset = offset;
        this.data = readOnly.slice();
    }

    /** A chunk over a read-only slice of an immutable frame payload (decoding only). */
    static FileChunk view(UUID fileId, long offset, ByteBuffer readOnlySlice) {
        if (!readOnlySlice.isReadOnly()) {
            throw new IllegalArgumentException("expected a read-only view of a frame payload");
        }
        return new FileChunk(fileId, offset, readOnlySlice);
    }

    public UUID fileId() {
        return fileId;
    }

    public long offset() {
        return offset;
    }

    /** A copy of the data. */
    public byte[] bytes() {
        byte[] b = new byte[data.remaining()];
        data.duplicate().get(b);
        return b;
    }

    /** The data as a read-only view, without a copy. */
    public ByteBuffer data() {
        return data.duplicate();
    }

    /** Feeds the data into a digest, without a copy of the whole chunk. */
    public void updateDigest(MessageDigest digest) {
        digest.update(data.duplicate());
    }

    public int length() {
        return data.remaining();
    }

    /** The offset just past this chunk. */
    public long end() {
        return offset + data.remaining();
    }

    /** The largest data length that fits a frame payload limit. */
    public static int maxDataLength(int maxPayload) {
        return maxPayload - HEADER_LENGTH;
    }

    @Override
    public FrameType frameType() {
        return FrameType.FILE_CHUNK;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileChunk c && c.fileId.equals(fileId) && c.offset == offset && c.data.equals(data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fileId, offset, data);
    }

    @Override
    public String toString() {
        return "FileChunk[" + fileId + " @" + offset + " +" + data.remaining() + "]";
    }
}
