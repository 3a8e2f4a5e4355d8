package io.motam.link.memory;

import io.motam.link.Link;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;

/** Two links joined in memory (unit tests): what one writes, the other reads. */
public final class MemoryLinks {
    private static final int PIPE_BUFFER = 256 * 1024;

    private MemoryLinks() {
    }

    /** Returns {@code [a, b]}: a's output is b's input and the other way round. */
    public static Link[] pair(String nameA, String nameB) {
        try {
            PipedInputStream aIn = new PipedInputStream(PIPE_BUFFER);
            PipedInputStream bIn = new PipedInputStream(PIPE_BUFFER);
            PipedOutputStream aOut = new PipedOutputStream(bIn);
            PipedOutputStream bOut = new PipedOutputStream(aIn);
            return new Link[] {new PipeLink(aIn, aOut, "mem:" + nameB), new PipeLink(bIn, bOut, "mem:" + nameA)};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record PipeLink(InputStream input, OutputStream output, String peerAddress) implements Link {
        @Override
        public void close() {
            try {
                output.close();
                input.close();
            } catch (IOException ignored) {
                // pipes hold no system resource
            }
        }
    }
}
