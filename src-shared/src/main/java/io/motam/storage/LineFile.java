package io.motam.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * An append-only file of records, one per line, each fsync'd before {@link #append} returns: the
 * file format of the gateway's journal segments, audit log and JSON-lines files (backup index).
 *
 * <pre>
 *   record\n         complete line: kept
 *   record\n
 *   garbage\n        damaged line with good ones after it: skipped and logged, never a reason to cut
 *   record\n
 *   rec              torn tail (crash mid-write): cut off at open, never read as a record
 * </pre>
 *
 * <p>At open every line is parsed ({@link LineScan}); the file is truncated after the last line
 * that parses and ends in {@code \n}, so a torn or corrupt tail never survives into the next
 * append. Lines are written through an {@link AppendOnlyFile}: a write that fails part-way (disk
 * full) is cut back, so the file never keeps half a line, and a failed fsync stops the process.
 * Thread-safe.
 *
 * @param <T> what one line holds
 */
public final class LineFile<T> implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LineFile.class);

    private final AppendOnlyFile channel;
    private final int maxLine;
    private long lines;

    private LineFile(AppendOnlyFile channel, int maxLine, long lines) {
        this.channel = channel;
        this.maxLine = maxLine;
        this.lines = lines;
    }

    /**
     * Opens (or creates, owner-only when asked) {@code file}, cuts a torn or corrupt tail and hands
     * every good line, in order, to {@code replay}.
     *
     * @param maxLine longest line (without its newline) read or written; a longer one is not a record
     * @param parser  reads one line (without its newline); empty when it is not a good record
     */
    public static <T> LineFile<T> open(
            Path file, boolean ownerOnly, int maxLine, LineScan.Parser<T> parser, Consumer<? super T> replay)
            throws IOException {
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        if (!Files.exists(abs)) {
            AtomicFiles.createFile(abs, ownerOnly);
        }
        byte[] all = Files.readAllBytes(abs);
        List<T> good = new ArrayList<>();
        long goodLength = scan(abs, all, maxLine, parser, good);
        if (goodLength < all.length) {
            LOG.warnf(
                    "%s: cut %d bytes of a torn or corrupt tail after line %d",
                    abs, all.length - goodLength, good.size());
        }
        AppendOnlyFile ch = AppendOnlyFile.open(abs, goodLength);
        try {
            good.forEach(replay);
            return new LineFile<>(ch, maxLine, good.size());
        } catch (RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Hands every good line of a file that is no longer written (a rotated file, a sealed journal
     * segment), in order, to {@code replay}, without changing the file; returns how many there were.
     */
    public static <T> long read(Path file, int maxLine, LineScan.Parser<T> parser, Consumer<? super T> replay)
            throws IOException {
        byte[] all = Files.readAllBytes(file);
        List<T> good = new ArrayList<>();
        long goodLength = scan(file, all, maxLine, parser, good);
        if (goodLength < all.length) {
            LOG.errorf("%s: %d unreadable byte(s) after line %d skipped", file, all.length - goodLength, good.size());
        }
        good.forEach(replay);
        return good.size();
    }

    private static <T> long scan(Path file, byte[] all, int maxLine, LineScan.Parser<T> parser, List<T> out) {
        LineScan.Parser<T> bounded =
                (b, from, length) -> length == 0 || length > maxLine ? Optional.empty() : parser.parse(b, from, length);
        return LineScan.scan(
                all, bounded, out::add, at -> LOG.errorf("%s: unreadable line at byte %d skipped", file, at));
    }

    /**
     * Appends {@code line} (without its newline) and a newline, and fsyncs them.
     *
     * @return the new end of the file
     * @throws IllegalArgumentException when the line is empty, over the maximum or holds a newline
     * @throws IOException when the line could not be written; the file then ends after the line before
     */
    public long append(byte[] line) throws IOException {
        if (line.length == 0 || line.length > maxLine) {
            throw new IllegalArgumentException(
                    "expected a line of 1 to " + maxLine + " bytes but was " + line.length + " bytes");
        }
        for (byte b : line) {
            if (b == '\n') {
                throw new IllegalArgumentException("expected a line without a newline in it but one was found");
            }
        }
        byte[] record = new byte[line.length + 1];
        System.arraycopy(line, 0, record, 0, line.length);
        record[line.length] = '\n';
        synchronized (this) {
            long end = channel.append(record);
            lines++;
            return end;
        }
    }

    /** Lines in the file (recovered plus appended). */
    public synchronized long lineCount() {
        return lines;
    }

    /** Bytes of the file that hold whole, fsync'd lines. */
    public long size() {
        return channel.end();
    }

    public Path path() {
        return channel.path();
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
