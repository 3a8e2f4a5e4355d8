package io.motam.gateway.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Reads journal entries in index order from disk, across segments, never past the last whole
 * fsync'd line. {@link #next()} does not block: it returns null when nothing new is there yet
 * (wait with {@link EventJournal#addAppendListener}). One reader belongs to one thread.
 */
public final class JournalReader implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(JournalReader.class);
    private static final int CHUNK = 64 * 1024;

    private final EventJournal journal;
    private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
    private final ArrayDeque<JournalEntry> ready = new ArrayDeque<>();
    private byte[] line = new byte[1024];
    private int lineLength;
    private long after;
    private Segment segment;
    private FileChannel channel;
    private long position;

    JournalReader(EventJournal journal, long afterIndex) {
        this.journal = journal;
        this.after = afterIndex;
        this.segment = journal.segmentFor(afterIndex + 1);
        if (segment.first > afterIndex + 1) {
            LOG.warnf(
                    "journal %s: entries %d..%d were deleted before they were read; reading from %d",
                    journal.directory(), afterIndex + 1, segment.first - 1, segment.first);
        }
    }

    /** The next entry after the last one returned, or null when there is none yet. */
    public JournalEntry next() throws IOException {
        while (ready.isEmpty()) {
            long limit = journal.readLimit(segment);
            if (limit < 0) {
                // the segment was deleted under us (a reader far behind compaction): start over
                reopenAt(journal.segmentFor(after + 1));
                continue;
            }
            if (position < limit) {
                fill(limit);
                continue;
            }
            Segment next = journal.after(segment);
            if (next == null) {
                return null;
            }
            reopenAt(next);
        }
        JournalEntry e = ready.poll();
        after = e.index();
        return e;
    }

    /** Index of the last entry returned. */
    public long position() {
        return after;
    }

    private void fill(long limit) throws IOException {
        if (channel == null) {
            try {
                channel = FileChannel.open(segment.file, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                reopenAt(journal.segmentFor(after + 1));
                return;
            }
        }
        chunk.clear();
        chunk.limit((int) Math.min(CHUNK, limit - position));
        int n = channel.read(chunk, position);
        if (n <= 0) {
            throw new IOException("journal segment " + segment + " ends at " + position + " before its limit " + limit);
        }
        position += n;
        byte[] a = chunk.array();
        for (int i = 0; i < n; i++) {
            byte b = a[i];
            if (b == '\n') {
                lineDone();
            } else if (lineLength <= EventJournal.MAX_LINE) {
                if (lineLength == line.length) {
                    line = Arrays.copyOf(line, Math.min(line.length * 2, EventJournal.MAX_LINE + 1));
                }
                line[lineLength++] = b;
            }
        }
    }

    private void lineDone() {
        Optional<JournalEntry> e = journal.parse(line, 0, lineLength);
        if (e.isEmpty()) {
            LOG.errorf(
                    "journal %s: unreadable line in %s before byte %d skipped", journal.directory(), segment, position);
        } else if (e.get().index() > after
                && (ready.isEmpty() || e.get().index() > ready.peekLast().index())) {
            ready.add(e.get());
        }
        lineLength = 0;
    }

    private void reopenAt(Segment s) throws IOException {
        close();
        segment = s;
        position = 0;
        lineLength = 0;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
