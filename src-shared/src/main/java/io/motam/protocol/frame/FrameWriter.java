package io.motam.protocol.frame;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Writes frames to a blocking stream, header and payload in one write so that a TLS layer
 * below makes one record of small frames. Thread-safe: concurrent writers never interleave.
 */
public final class FrameWriter {
    private final OutputStream out;
    private final int maxPayload;

    public FrameWriter(OutputStream out, int maxPayload) {
        this.out = out;
        this.maxPayload = maxPayload;
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

    public synchronized void flush() throws IOException {
        out.flush();
    }

    /** The wire bytes of one frame. */
    public static byte[] encode(Frame frame) {
        byte[] payload = frame.payload();
        ByteBuffer buf = ByteBuffer.allocate(FrameFormat.HEADER_LENGTH + payload.length);
        buf.put((byte) FrameFormat.VERSION);
        buf.put((byte) frame.type().code());
        buf.putLong(frame.sequence());
        buf.putInt(payload.length);
        buf.put(payload);
        return buf.array();
    }
}
