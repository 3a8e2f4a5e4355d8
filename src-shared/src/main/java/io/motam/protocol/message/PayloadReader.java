package io.motam.protocol.message;

import io.motam.protocol.frame.CorruptFrameException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Bounds-checked reader over one payload; every shortfall is a {@link CorruptFrameException}. */
final class PayloadReader {
    /** Longest string field in bytes. */
    static final int MAX_STRING = 1024;

    private final ByteBuffer buf;
    private final String what;

    PayloadReader(byte[] payload, String what) {
        this(ByteBuffer.wrap(payload), what);
    }

    PayloadReader(ByteBuffer payload, String what) {
        this.buf = payload.slice();
        this.what = what;
    }

    int u8() throws CorruptFrameException {
        need(1);
        return buf.get() & 0xFF;
    }

    int u16() throws CorruptFrameException {
        need(2);
        return buf.getShort() & 0xFFFF;
    }

    long i64() throws CorruptFrameException {
        need(8);
        return buf.getLong();
    }

    /** An unsigned 64-bit field that must be at most {@code max}. */
    long u64(long max, String field) throws CorruptFrameException {
        long v = i64();
        if (v < 0 || v > max) {
            throw new CorruptFrameException(
                    what + ": expected " + field + " of 0.." + max + " but was " + Long.toUnsignedString(v));
        }
        return v;
    }

    double f64() throws CorruptFrameException {
        return Double.longBitsToDouble(i64());
    }

    UUID uuid() throws CorruptFrameException {
        return new UUID(i64(), i64());
    }

    String string() throws CorruptFrameException {
        int len = u16();
        if (len > MAX_STRING) {
            throw new CorruptFrameException(what + ": string of " + len + " bytes is over " + MAX_STRING);
        }
        need(len);
        ByteBuffer slice = buf.slice();
        slice.limit(len);
        buf.position(buf.position() + len);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(slice)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CorruptFrameException(what + ": string is not valid UTF-8");
        }
    }

    byte[] bytes(int len) throws CorruptFrameException {
        need(len);
        byte[] b = new byte[len];
        try {
            buf.get(b);
        } catch (BufferUnderflowException e) {
            throw new CorruptFrameException(what + ": truncated");
        }
        return b;
    }

    /** Everything left in the payload, as a read-only view (no copy); the reader is then at its end. */
    ByteBuffer restView() {
        ByteBuffer rest = buf.slice().asReadOnlyBuffer();
        buf.position(buf.limit());
        return rest;
    }

    boolean hasRemaining() {
        return buf.hasRemaining();
    }

    void end() throws CorruptFrameException {
        if (buf.hasRemaining()) {
            throw new CorruptFrameException(
                    what + ": expected end of payload but " + buf.remaining() + " bytes remain");
        }
    }

    private void need(int n) throws CorruptFrameException {
        if (buf.remaining() < n) {
            throw new CorruptFrameException(
                    what + ": expected " + n + " more bytes but only " + buf.remaining() + " remain");
        }
    }
}
