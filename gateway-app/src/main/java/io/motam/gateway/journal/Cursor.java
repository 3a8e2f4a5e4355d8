package io.motam.gateway.journal;

import io.motam.storage.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * A persisted position in the journal (the last index a consumer has finished). Written by
 * replacing the file atomically ({@link AtomicFiles#write}); a crash can only make the consumer
 * repeat, never skip.
 */
public final class Cursor {
    private static final Logger LOG = Logger.getLogger(Cursor.class);
    private final Path file;
    private long position;

    private Cursor(Path file, long position) {
        this.file = file;
        this.position = position;
    }

    public static Cursor open(Path file) throws IOException {
        long pos = 0;
        if (Files.exists(file)) {
            String s = Files.readString(file, StandardCharsets.US_ASCII).trim();
            try {
                pos = Long.parseLong(s);
            } catch (NumberFormatException e) {
                LOG.warnf("cursor %s unreadable ('%s'): starting from the beginning of the journal", file, s);
            }
        }
        return new Cursor(file, Math.max(0, pos));
    }

    public synchronized long position() {
        return position;
    }

    public synchronized void advance(long to) throws IOException {
        if (to <= position) {
            return;
        }
        AtomicFiles.write(file, Long.toString(to).getBytes(StandardCharsets.US_ASCII), false);
        position = to;
    }
}
