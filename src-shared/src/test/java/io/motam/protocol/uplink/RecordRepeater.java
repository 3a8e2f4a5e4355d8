package io.motam.protocol.uplink;

import io.motam.link.Link;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A man in the middle on the camera's side of a transport that cannot read the TLS records but
 * can copy them: it cuts the camera's byte stream into records (5-byte header: type, version,
 * length) and sends the {@code n}-th application-data record twice.
 */
public final class RecordRepeater implements Link {
    private static final int APPLICATION_DATA = 23;

    private final Link inner;
    private final int repeatIndex;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private int applicationRecords;
    private volatile boolean repeated;

    /** @param repeatIndex which application-data record (from 1) to repeat; -1 for none */
    public RecordRepeater(Link inner, int repeatIndex) {
        this.inner = inner;
        this.repeatIndex = repeatIndex;
    }

    public boolean repeated() {
        return repeated;
    }

    @Override
    public InputStream input() {
        return inner.input();
    }

    @Override
    public OutputStream output() {
        OutputStream out = inner.output();
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) throws IOException {
                partial.write(b, off, len);
                byte[] buf = partial.toByteArray();
                int at = 0;
                while (buf.length - at >= 5) {
                    int length = ((buf[at + 3] & 0xFF) << 8) | (buf[at + 4] & 0xFF);
                    if (buf.length - at < 5 + length) {
                        break;
                    }
                    out.write(buf, at, 5 + length);
                    if ((buf[at] & 0xFF) == APPLICATION_DATA && ++applicationRecords == repeatIndex) {
                        out.write(buf, at, 5 + length);
                        repeated = true;
                    }
                    at += 5 + length;
                }
                partial.reset();
                partial.write(buf, at, buf.length - at);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }
        };
    }

    @Override
    public String peerAddress() {
        return inner.peerAddress();
    }

    @Override
    public void close() {
        inner.close();
    }
}
