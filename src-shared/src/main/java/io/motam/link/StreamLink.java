package io.motam.link;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The one stream adapter behind every {@link Link} (TCP, RFCOMM, test pipes): two streams, the
 * peer's address, and what to release when the link closes, run once.
 */
final class StreamLink implements Link {
    private static final Logger LOG = Logger.getLogger(StreamLink.class);

    private final InputStream in;
    private final OutputStream out;
    private final String peerAddress;
    private final Closeable closer;
    private final AtomicBoolean closed = new AtomicBoolean();

    StreamLink(InputStream in, OutputStream out, String peerAddress, Closeable closer) {
        this.in = Objects.requireNonNull(in, "in");
        this.out = Objects.requireNonNull(out, "out");
        this.peerAddress = Objects.requireNonNull(peerAddress, "peerAddress");
        this.closer = Objects.requireNonNull(closer, "closer");
    }

    @Override
    public InputStream input() {
        return in;
    }

    @Override
    public OutputStream output() {
        return out;
    }

    @Override
    public String peerAddress() {
        return peerAddress;
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        try {
            closer.close();
        } catch (IOException | RuntimeException e) {
            LOG.debugf("Closing the link to %s: %s", peerAddress, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "Link[" + peerAddress + (closed.get() ? ", closed" : "") + "]";
    }
}
