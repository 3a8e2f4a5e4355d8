package io.motam.gateway.storage;

import io.motam.storage.AppendOnlyFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * A real file's channel that fails on command: the next write stops after a few bytes with the
 * error a full disk gives, or the next fsync fails. Installed for the files a test names through
 * {@link AppendOnlyFile#replaceOpener}, so the real classes write through it.
 */
public final class FaultyChannel extends FileChannel {
    /** What the next call does. */
    public enum Fault {
        NONE,
        SHORT_WRITE,
        FAILED_FSYNC
    }

    private final FileChannel real;
    private volatile Fault fault = Fault.NONE;
    private volatile int shortWriteBytes = 7;
    /** Runs before every positional write (a crash test parks the writer there). */
    private volatile Runnable beforeWrite;

    private FaultyChannel(FileChannel real) {
        this.real = real;
    }

    /** Opens every file that {@code which} accepts through a FaultyChannel, handed to {@code opened}. */
    public static AppendOnlyFile.Opener opener(
            Predicate<Path> which, java.util.function.Consumer<FaultyChannel> opened) {
        return file -> {
            FileChannel ch = AppendOnlyFile.files().open(file);
            if (!which.test(file)) {
                return ch;
            }
            FaultyChannel f = new FaultyChannel(ch);
            opened.accept(f);
            return f;
        };
    }

    public void failNext(Fault f) {
        fault = f;
    }

    public void beforeWrite(Runnable hook) {
        beforeWrite = hook;
    }

    private IOException consume(Fault f, String message) {
        if (fault == f) {
            fault = Fault.NONE;
            return new IOException(message);
        }
        return null;
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        Runnable hook = beforeWrite;
        if (hook != null) {
            hook.run();
        }
        if (fault == Fault.SHORT_WRITE) {
            int n = Math.min(shortWriteBytes, src.remaining());
            ByteBuffer part = src.duplicate();
            part.limit(part.position() + n);
            int written = real.write(part, position);
            src.position(src.position() + written);
            if (!src.hasRemaining()) {
                return written;
            }
            throw consume(Fault.SHORT_WRITE, "No space left on device (injected after " + written + " bytes)");
        }
        return real.write(src, position);
    }

    @Override
    public void force(boolean metaData) throws IOException {
        IOException e = consume(Fault.FAILED_FSYNC, "Input/output error (injected fsync failure)");
        if (e != null) {
            throw e;
        }
        real.force(metaData);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return real.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return real.read(dsts, offset, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return real.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return real.write(srcs, offset, length);
    }

    @Override
    public long position() throws IOException {
        return real.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        real.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return real.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        real.truncate(size);
        return this;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return real.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        return real.transferFrom(src, position, count);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return real.read(dst, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return real.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return real.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return real.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        real.close();
    }
}
