package io.motam.protocol.frame;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Writes frames to a blocking stream, header and payload in one write so that a TLS layer
 * below never makes a record of a lone header. Thread-safe: concurrent writers never interleave.
 *
 * <p>{@link #writeInPlace} is the bulk path (file chunks): the caller reads the payload straight
 * into a buffer that leaves {@link FrameFormat#HEADER_LENGTH} bytes free at the front, and the
 * header is filled in there, so a 64 KiB chunk is not copied on its way to the TLS layer.
 */
public final class FrameWriter {
    private final OutputStream out;
    private final int maxPayload;

    public FrameWriter(OutputStream out, int maxPayload) {
        if (maxPayload < 0 || maxPayload > FrameFormat.MAX_PAYLOAD_CEILING) {
            throw new IllegalArgumentException(
                    "maxPayload must be within 0.." + FrameFormat.MAX_PAYLOAD_CEILING + " but was " + maxPayload);
        }
        this.out = out;
        this.maxPayload = maxPayload;
    }

    public int maxPayload() {
        return maxPayload;
    }

    public synchronized void write(Frame frame) throws IOException {
        write(frame, true);
    }

    /** Writes a frame; {@code flush=false} lets a burst of frames share TLS records. */
    public synchronized void write(Frame frame, boolean flush) throws IOException {
        if (frame.payloadLength() > maxPayload) {
            throw new FrameTooLongException(frame.payloadLength(), maxPayload);
        }
        out.write(encode(frame));
        if (flush) {
            out.flush();
        }
    }

    /**
     * Writes a frame whose payload already sits at {@code buffer[HEADER_LENGTH ..
     * HEADER_LENGTH + payloadLength)}; the header is written into {@code buffer[0 .. HEADER_LENGTH)}.
     */
    public synchronized void writeInPlace(
            FrameType type, long sequence, byte[] buffer, int payloadLength, boolean flush) throws IOException {
        if (payloadLength < 0 || payloadLength > maxPayload) {
            throw new FrameTooLongException(payloadLength, maxPayload);
        }
        if (sequence < 0 || (!type.sequenced() && sequence != 0)) {
            throw new IllegalArgumentException(
                    "expected sequence " + (type.sequenced() ? ">= 0" : "0") + " for " + type + " but was " + sequence);
        }
        putHeader(ByteBuffer.wrap(buffer), type, sequence, payloadLength);
        out.write(buffer, 0, FrameFormat.HEADER_LENGTH + payloadLength);
        if (flush) {
            out.flush();
        }
    }

    public synchronized void flush() throws IOException {
        out.flush();
    }

    /** The wire bytes of one frame. */
    public static byte[] encode(Frame frame) {
        ByteBuffer buf = ByteBuffer.allocate(FrameFormat.HEADER_LENGTH + frame.payloadLength());
        putHeader(buf, frame.type(), frame.sequence(), frame.payloadLength());
        buf.put(frame.payloadView());
        return buf.array();
    }

    private static void putHeader(ByteBuffer buf, FrameType type, long sequence, int length) {
        buf.put((byte) FrameFormat.VERSION);
        buf.put((byte) type.code());
        buf.putLong(sequence);
        buf.putInt(length);
    }
}
