package io.motam.protocol.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Big-endian field writer for message payloads; strings are u16 length + UTF-8. */
final class PayloadWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    PayloadWriter u8(int v) {
        out.write(v & 0xFF);
        return this;
    }

    PayloadWriter u16(int v) {
        out.write((v >>> 8) & 0xFF);
        out.write(v & 0xFF);
        return this;
    }

    PayloadWriter i64(long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift) & 0xFF);
        }
        return this;
    }

    PayloadWriter f64(double v) {
        return i64(Double.doubleToLongBits(v));
    }

    PayloadWriter uuid(UUID id) {
        return i64(id.getMostSignificantBits()).i64(id.getLeastSignificantBits());
    }

    PayloadWriter string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > PayloadReader.MAX_STRING) {
            throw new IllegalArgumentException("string of " + b.length + " bytes is over " + PayloadReader.MAX_STRING);
        }
        u16(b.length);
        out.write(b, 0, b.length);
        return this;
    }

    PayloadWriter bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    PayloadWriter bytes(java.nio.ByteBuffer b) {
        while (b.hasRemaining()) {
            out.write(b.get());
        }
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
