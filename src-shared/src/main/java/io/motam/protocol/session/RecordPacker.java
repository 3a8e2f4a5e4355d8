package io.motam.protocol.session;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Sits between the frame writer and Bouncy Castle's application-data stream, which turns every
 * {@code write} into records at once. The packer hands BC whole {@value #RECORD_PLAINTEXT}-byte
 * records and keeps a remainder until the next write or {@link #flush()}, so
 *
 * <ul>
 * <li>a stream of 64 KiB file chunks (65 574 bytes with headers) becomes full records only: 22
 * bytes of TLS overhead per 16 KiB instead of a fifth, nearly empty record per chunk;</li>
 * <li>a burst of small frames (events, acks) written without a flush shares records.</li>
 * </ul>
 *
 * Bulk data of whole records passes through without a copy. Thread-safe.
 */
final class RecordPacker extends OutputStream {
    /** The TLS 1.3 plaintext limit per record (RFC 8446 §5.1): 2^14 bytes. */
    static final int RECORD_PLAINTEXT = 1 << 14;

    private final OutputStream tls;
    private final byte[] pending = new byte[RECORD_PLAINTEXT];
    private int count;

    RecordPacker(OutputStream tls) {
        this.tls = tls;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        pending[count++] = (byte) b;
        if (count == RECORD_PLAINTEXT) {
            emitPending();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (off < 0 || len < 0 || len > b.length - off) {
            throw new IndexOutOfBoundsException("offset " + off + ", length " + len + ", array " + b.length);
        }
        if (count > 0) {
            int n = Math.min(len, RECORD_PLAINTEXT - count);
            System.arraycopy(b, off, pending, count, n);
            count += n;
            off += n;
            len -= n;
            if (count < RECORD_PLAINTEXT) {
                return;
            }
            emitPending();
        }
        int whole = len - len % RECORD_PLAINTEXT;
        if (whole > 0) {
            tls.write(b, off, whole);
            off += whole;
            len -= whole;
        }
        System.arraycopy(b, off, pending, 0, len);
        count = len;
    }

    private void emitPending() throws IOException {
        tls.write(pending, 0, count);
        count = 0;
    }

    @Override
    public synchronized void flush() throws IOException {
        if (count > 0) {
            emitPending();
        }
        tls.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
        tls.close();
    }
}
