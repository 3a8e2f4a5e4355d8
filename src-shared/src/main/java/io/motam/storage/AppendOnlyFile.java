package io.motam.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An append-only file whose records are whole or absent, the one way the gateway's journal,
 * audit log and backup index (through {@link LineFile}) and the camera's outbox write.
 *
 * <pre>
 *   [record][record][record]|             end: the last good end, everything before it fsync'd
 *   [record][record][record][rec          a write failed part-way (disk full): cut back to end,
 *                                         the append throws, the next one starts at end again
 * </pre>
 *
 * <ul>
 * <li>{@link #append} writes one record at {@link #end()} (positional writes) and fsyncs it
 * (data only); it returns once the record is durable.</li>
 * <li>A write that fails or stops short truncates the file back to its last good end and throws
 * the write's {@link IOException}: the caller acknowledges nothing and the file holds no partial
 * record. If even the truncation fails the file cannot be trusted and the process stops.</li>
 * <li>A failed fsync stops the process ({@link Fatal#stop}): it is unknown whether the record is
 * on disk, so neither keeping nor rewriting it is safe; recovery at the next start decides.</li>
 * </ul>
 * After a fatal failure (seen only where a test replaced the stop) every further call throws.
 * Thread-safe: calls are serialised on this object.
 */
public final class AppendOnlyFile implements AutoCloseable {

    /** How an append-only file opens its channel (read and write, created if missing). */
    @FunctionalInterface
    public interface Opener {
        FileChannel open(Path file) throws IOException;
    }

    private static final Opener FILES = file ->
            FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    private static volatile Opener opener = FILES;

    private final Path file;
    private final FileChannel channel;
    private long end;
    private boolean failed;

    private AppendOnlyFile(Path file, FileChannel channel, long end) {
        this.file = file;
        this.channel = channel;
        this.end = end;
    }

    /**
     * Opens (or creates) {@code file} for appending after {@code goodEnd}; whatever follows it
     * (a torn record the caller's recovery found) is cut off and the cut fsync'd.
     *
     * @throws IllegalArgumentException when {@code goodEnd} is past the end of the file
     */
    public static AppendOnlyFile open(Path file, long goodEnd) throws IOException {
        FileChannel ch = opener.open(file);
        try {
            long size = ch.size();
            if (goodEnd < 0 || goodEnd > size) {
                throw new IllegalArgumentException(
                        "expected a good end within the " + size + " bytes of " + file + " but was " + goodEnd);
            }
            if (size > goodEnd) {
                ch.truncate(goodEnd);
                ch.force(true);
            }
            return new AppendOnlyFile(file, ch, goodEnd);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Opens (or creates) {@code file} for appending after all it holds. */
    public static AppendOnlyFile openAtEnd(Path file) throws IOException {
        FileChannel ch = opener.open(file);
        try {
            return new AppendOnlyFile(file, ch, ch.size());
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Writes {@code record} (its remaining bytes) after the last good end and fsyncs it.
     *
     * @return the new end of the file
     * @throws IOException when the write failed; the file then ends where it did before
     */
    public synchronized long append(ByteBuffer record) throws IOException {
        requireUsable();
        long start = end;
        long at = start;
        try {
            while (record.hasRemaining()) {
                at += channel.write(record, at);
            }
        } catch (IOException e) {
            cutBack(start, e);
            throw e;
        }
        try {
            channel.force(false);
        } catch (IOException e) {
            failed = true;
            throw Fatal.stop(file, "fsync after an append", e);
        }
        end = at;
        return end;
    }

    /** {@link #append(ByteBuffer)} of a whole array. */
    public long append(byte[] record) throws IOException {
        return append(ByteBuffer.wrap(record));
    }

    /** Cuts the file to {@code length} (at most its good end) and fsyncs the cut. */
    public synchronized void truncate(long length) throws IOException {
        requireUsable();
        if (length < 0 || length > end) {
            throw new IllegalArgumentException(
                    "expected a length within the " + end + " good bytes of " + file + " but was " + length);
        }
        channel.truncate(length);
        end = length;
        try {
            channel.force(true);
        } catch (IOException e) {
            failed = true;
            throw Fatal.stop(file, "fsync after a truncation", e);
        }
    }

    private void cutBack(long start, IOException cause) throws IOException {
        try {
            if (channel.size() > start) {
                channel.truncate(start);
            }
        } catch (IOException e) {
            failed = true;
            e.addSuppressed(cause);
            throw Fatal.stop(file, "cutting a failed append back to byte " + start, e);
        }
    }

    private void requireUsable() throws IOException {
        if (failed) {
            throw new Fatal.FatalStorageException(file + " failed before and is no longer written", null);
        }
        if (!channel.isOpen()) {
            throw new IOException(file + " is closed");
        }
    }

    /** Bytes of the file that hold whole, fsync'd records. */
    public synchronized long end() {
        return end;
    }

    public Path path() {
        return file;
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    /**
     * Replaces how append-only files open their channels (fault-injection tests: a full disk, a
     * failing fsync); {@code null} restores the real one. Returns the previous opener.
     */
    public static Opener replaceOpener(Opener replacement) {
        Opener previous = opener;
        opener = replacement == null ? FILES : replacement;
        return previous;
    }

    /** The opener of real files, for a test's opener to wrap. */
    public static Opener files() {
        return FILES;
    }
}
