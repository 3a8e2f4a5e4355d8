package io.motam.protocol.restore;

import io.motam.protocol.frame.FrameWriter;
import io.motam.protocol.message.MessageCodec;
import io.motam.protocol.message.RestoreChunk;
import java.io.IOException;

/**
 * The gateway's side of one restore: RESTORE_OFFER, then RESTORE_CHUNKs of at most
 * {@code chunk} bytes from offset 0 in order. Written by the connection's writer thread, one
 * frame per call, between control messages.
 */
public final class RestoreSender {
    private final int chunk;
    private volatile RestoreFile file;
    private boolean offered;
    private int sent;

    public RestoreSender(int chunk) {
        if (chunk < 1) {
            throw new IllegalArgumentException("expected a chunk of at least 1 byte but was " + chunk);
        }
        this.chunk = chunk;
    }

    /** Starts sending {@code f}; fails if a restore is already under way on this connection. */
    public synchronized void start(RestoreFile f) {
        if (file != null) {
            throw new IllegalStateException("expected no restore in progress but was " + file);
        }
        offered = false;
        sent = 0;
        file = f;
    }

    /** Writes the next frame without flushing; false when there is nothing (more) to send. */
    public synchronized boolean writeNext(FrameWriter writer) throws IOException {
        RestoreFile f = file;
        if (f == null || (offered && sent >= f.length())) {
            return false;
        }
        if (!offered) {
            writer.write(MessageCodec.toFrame(f.offer(), 0), false);
            offered = true;
            return true;
        }
        int n = Math.min(chunk, f.length() - sent);
        writer.write(MessageCodec.toFrame(new RestoreChunk(sent, f.slice(sent, n)), 0), false);
        sent += n;
        return true;
    }

    /** Whether the whole file has been written. */
    public synchronized boolean finished() {
        RestoreFile f = file;
        return f != null && offered && sent >= f.length();
    }
}
