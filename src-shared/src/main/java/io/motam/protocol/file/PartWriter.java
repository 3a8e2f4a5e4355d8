package io.motam.protocol.file;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Appends a transfer's bytes to its {@code .part} file, in order, and makes them durable at
 * checkpoints.
 *
 * <p>Files of at least {@link #DIRECT_MIN} bytes are written with direct I/O ({@code O_DIRECT})
 * where the file system allows it: the bytes collect in an aligned buffer of {@link #BLOCK_RUN}
 * and go to the device in whole blocks, without passing through the page cache. On a 1 GB
 * board a 64 MiB model backup then neither evicts the programs' working set nor has to be
 * copied into the cache and written back at the next fsync; on the development machine it
 * roughly halves the CPU the gateway spends storing a file (docs/benchmarks.md). A remainder
 * smaller than one block (at a checkpoint, the end of the file or an interrupted transfer) is
 * written through an ordinary channel of the same file, and a resumed file whose length is not
 * block-aligned starts with its last partial block read back into the buffer, so resume offsets
 * stay exact.
 *
 * <p>Smaller files, file systems without direct I/O (the first refusal is logged and the rest
 * of the process writes through the cache), any direct write that fails (the rest of that file)
 * and a receiver configured without it ({@code motam.link.direct-io=false}) use the ordinary
 * channel alone. Both ways give the same bytes and the same durability: {@link #checkpoint} and
 * {@link #finish} end with an fsync of the file.
 *
 * <p>Used by one thread at a time (the receiver's disk thread).
 */
final class PartWriter implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PartWriter.class);
    /** Files smaller than this are written through the page cache: too small to matter. */
    static final long DIRECT_MIN = 1L << 20;
    /** Bytes gathered before one direct write (a multiple of any block size up to 1 MiB). */
    static final int BLOCK_RUN = 1 << 20;
    /** Cleared, for this process, the first time a file system refuses direct I/O. */
    private static final AtomicBoolean DIRECT_AVAILABLE = new AtomicBoolean(true);
    /** How the direct channel of a file is opened: {@code O_DIRECT}, for writing. */
    static final DirectOpener O_DIRECT =
            part -> FileChannel.open(part, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);

    private final Path part;
    private final FileChannel plain;
    private FileChannel direct;
    /** Direct mode: the file system's block size; offsets and lengths of direct writes are multiples of it. */
    private int block;
    /** Direct mode: the aligned buffer; its byte 0 belongs at file offset {@link #base}. */
    private ByteBuffer run;

    private long base;
    /** Buffered mode: where the next byte goes. */
    private long end;

    private PartWriter(Path part, FileChannel plain, long end) {
        this.part = part;
        this.plain = plain;
        this.end = end;
    }

    /**
     * Opens {@code part}, cut to {@code offset} bytes, to append from there.
     *
     * @param size the size the file will have when complete
     * @param buffers where the aligned buffer for direct I/O comes from (reused across files);
     *     null to write through the page cache whatever the size
     */
    static PartWriter open(Path part, long offset, long size, RunBuffers buffers) throws IOException {
        return open(part, offset, size, buffers, O_DIRECT);
    }

    /** {@link #open(Path, long, long, RunBuffers)} with the direct channel opened by {@code opener}. */
    static PartWriter open(Path part, long offset, long size, RunBuffers buffers, DirectOpener opener)
            throws IOException {
        FileChannel plain = FileChannel.open(part, StandardOpenOption.WRITE, StandardOpenOption.READ);
        PartWriter w = new PartWriter(part, plain, offset);
        try {
            plain.truncate(offset);
            if (buffers != null && size >= DIRECT_MIN && DIRECT_AVAILABLE.get()) {
                w.openDirect(offset, buffers, opener);
            }
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
        return w;
    }

    private void openDirect(long offset, RunBuffers buffers, DirectOpener opener) throws IOException {
        try {
            block = (int) Files.getFileStore(part).getBlockSize();
            if (block <= 0 || BLOCK_RUN % block != 0) {
                throw new IOException("block size " + block + " does not divide " + BLOCK_RUN);
            }
            direct = opener.open(part);
        } catch (IOException | UnsupportedOperationException e) {
            if (DIRECT_AVAILABLE.compareAndSet(true, false)) {
                LOG.infof(
                        "direct I/O not available for %s (%s); received files are written through the page cache",
                        part.getParent(), e.getMessage() == null ? e.toString() : e.getMessage());
            }
            return;
        }
        run = buffers.take(block);
        base = offset - offset % block;
        run.limit((int) (offset - base));
        while (run.hasRemaining()) { // the partial last block, kept to rewrite it whole
            if (plain.read(run, base + run.position()) < 0) {
                throw new IOException(part + " ended before its length " + offset);
            }
        }
        run.limit(run.capacity());
    }

    /** Whether bytes go to the device with direct I/O. */
    boolean direct() {
        return direct != null;
    }

    /** The file's length once everything appended is written. */
    long length() {
        return direct != null ? base + run.position() : end;
    }

    /** Appends {@code data} (consumed) at {@link #length()}. */
    void append(ByteBuffer data) throws IOException {
        if (direct == null) {
            while (data.hasRemaining()) {
                end += plain.write(data, end);
            }
            return;
        }
        while (data.hasRemaining()) {
            int n = Math.min(data.remaining(), run.remaining());
            run.put(data.slice(data.position(), n));
            data.position(data.position() + n);
            if (!run.hasRemaining()) {
                writeWholeBlocks();
            }
        }
    }

    /** Direct mode: writes the whole blocks gathered so far and keeps the remainder in front. */
    private void writeWholeBlocks() throws IOException {
        int whole = run.position() - run.position() % block;
        if (whole == 0) {
            return;
        }
        ByteBuffer out = run.duplicate().position(0).limit(whole);
        try {
            long at = base;
            while (out.hasRemaining()) {
                at += direct.write(out, at);
            }
        } catch (IOException e) {
            LOG.warnf("direct write to %s failed (%s); writing through the page cache from here", part, e.getMessage());
            fallBack();
            return;
        }
        int rest = run.position() - whole;
        run.put(0, run, whole, rest).position(rest);
        base += whole;
    }

    /** Gives up direct I/O for this file: what the buffer holds goes through the ordinary channel. */
    private void fallBack() throws IOException {
        ByteBuffer pending = run.duplicate().flip();
        end = base;
        run = null;
        try {
            direct.close();
        } catch (IOException ignored) {
            // giving it up
        }
        direct = null;
        while (pending.hasRemaining()) {
            end += plain.write(pending, end);
        }
    }

    /** Everything appended is written and fsync'd; returns the durable length. */
    long checkpoint() throws IOException {
        writeTail();
        plain.force(false);
        return length();
    }

    /** The file is complete: everything written and fsync'd with its metadata (then {@link #close}). */
    void finish() throws IOException {
        writeTail();
        plain.force(true);
    }

    /** Direct mode: whole blocks directly, the remainder (kept in the buffer) through the cache. */
    private void writeTail() throws IOException {
        if (direct == null) {
            return;
        }
        writeWholeBlocks();
        if (direct == null) {
            return; // fell back: all written
        }
        ByteBuffer tail = run.duplicate().flip();
        long at = base;
        while (tail.hasRemaining()) {
            at += plain.write(tail, at);
        }
    }

    boolean isOpen() {
        return plain.isOpen();
    }

    @Override
    public void close() throws IOException {
        try {
            if (direct != null) {
                direct.close();
            }
        } finally {
            plain.close();
        }
    }

    /** Opens the channel that direct writes of a {@code .part} file go through. */
    @FunctionalInterface
    interface DirectOpener {
        FileChannel open(Path part) throws IOException;
    }

    /** The aligned direct buffer a receiver reuses for every file it writes with direct I/O. */
    static final class RunBuffers {
        private ByteBuffer buffer;
        private int alignment;

        /** A cleared buffer of {@link #BLOCK_RUN} bytes aligned to {@code block}. */
        ByteBuffer take(int block) {
            if (buffer == null || alignment % block != 0) {
                alignment = Math.max(block, 4096);
                buffer = ByteBuffer.allocateDirect(BLOCK_RUN + alignment)
                        .alignedSlice(alignment)
                        .slice(0, BLOCK_RUN);
            }
            return buffer.clear();
        }
    }
}
