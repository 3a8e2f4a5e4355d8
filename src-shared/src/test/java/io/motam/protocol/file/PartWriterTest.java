package io.motam.protocol.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.testing.Required;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a {@code .part} file is written: through direct I/O for large files, exact at every length. */
class PartWriterTest {
    @TempDir
    Path dir;

    private final PartWriter.RunBuffers buffers = new PartWriter.RunBuffers();

    private static byte[] content(int length) {
        byte[] b = new byte[length];
        new Random(length).nextBytes(b);
        return b;
    }

    /** Appends {@code bytes[from, to)} in pieces of {@code piece} bytes. */
    private static void append(PartWriter w, byte[] bytes, int from, int to, int piece) throws Exception {
        for (int at = from; at < to; at += piece) {
            w.append(ByteBuffer.wrap(bytes, at, Math.min(piece, to - at)).asReadOnlyBuffer());
        }
    }

    /** The direct-I/O cases need a file system with {@code O_DIRECT} (the test folder's; ext4 and xfs have it). */
    private void requireDirectIo(PartWriter w) {
        Required.that(w.direct(), "direct I/O (O_DIRECT) on the file system of " + dir, null);
    }

    private Path emptyPart() throws Exception {
        return Files.createFile(dir.resolve("f.part"));
    }

    @Test
    void largeFile_writtenWithDirectIo_hasExactlyTheAppendedBytes() throws Exception {
        byte[] bytes = content(3 * (1 << 20) + 1000); // not a whole number of blocks
        Path part = emptyPart();
        PartWriter w = PartWriter.open(part, 0, bytes.length, buffers);
        requireDirectIo(w);
        append(w, bytes, 0, bytes.length, 65_536);
        assertEquals(bytes.length, w.length());
        w.finish();
        w.close();
        assertFalse(w.isOpen());
        assertArrayEquals(bytes, Files.readAllBytes(part));
    }

    @Test
    void checkpoint_midBlock_makesEveryAppendedByteDurableAndWritingGoesOn() throws Exception {
        byte[] bytes = content(2 * (1 << 20) + 777);
        Path part = emptyPart();
        PartWriter w = PartWriter.open(part, 0, bytes.length, buffers);
        append(w, bytes, 0, 1_234_567, 10_000); // odd pieces across block and run boundaries
        assertEquals(1_234_567, w.checkpoint());
        assertEquals(1_234_567, Files.size(part));
        assertArrayEquals(Arrays.copyOf(bytes, 1_234_567), Files.readAllBytes(part));
        append(w, bytes, 1_234_567, bytes.length, 65_536);
        w.finish();
        assertArrayEquals(bytes, Files.readAllBytes(part));
    }

    @Test
    void resume_atAnUnalignedLength_continuesExactlyThere() throws Exception {
        byte[] bytes = content(3 * (1 << 20));
        int cut = (1 << 20) + 5_000;
        Path part = emptyPart();
        PartWriter first = PartWriter.open(part, 0, bytes.length, buffers);
        append(first, bytes, 0, cut, 65_536);
        first.checkpoint(); // what an interrupted transfer keeps
        first.close();
        assertEquals(cut, Files.size(part));

        PartWriter second = PartWriter.open(part, cut, bytes.length, buffers);
        assertEquals(cut, second.length());
        append(second, bytes, cut, bytes.length, 65_536);
        second.finish();
        assertArrayEquals(bytes, Files.readAllBytes(part));
    }

    @Test
    void open_belowTheFileLength_cutsTheRest() throws Exception {
        byte[] bytes = content(2 * (1 << 20));
        Path part = Files.write(dir.resolve("f.part"), Arrays.copyOf(bytes, 1_500_000)); // a torn tail to drop
        PartWriter w = PartWriter.open(part, 1_000_000, bytes.length, buffers);
        assertEquals(1_000_000, Files.size(part));
        append(w, bytes, 1_000_000, bytes.length, 65_536);
        w.finish();
        assertArrayEquals(bytes, Files.readAllBytes(part));
    }

    @Test
    void withoutBuffers_largeFileGoesThroughThePageCache() throws Exception {
        byte[] bytes = content(2 * (1 << 20) + 3);
        Path part = emptyPart();
        PartWriter w = PartWriter.open(part, 0, bytes.length, null); // motam.link.direct-io=false
        assertFalse(w.direct());
        append(w, bytes, 0, bytes.length, 65_536);
        w.finish();
        w.close();
        assertArrayEquals(bytes, Files.readAllBytes(part));
    }

    @Test
    void smallFile_goesThroughThePageCache() throws Exception {
        byte[] bytes = content(40_000);
        Path part = emptyPart();
        PartWriter w = PartWriter.open(part, 0, bytes.length, buffers);
        assertFalse(w.direct());
        append(w, bytes, 0, bytes.length, 4_096);
        assertEquals(bytes.length, w.checkpoint());
        w.finish();
        assertArrayEquals(bytes, Files.readAllBytes(part));
    }

    @Test
    void directWriteFailing_midFile_fallsBackForThatFileAndLosesNoByte() throws Exception {
        byte[] bytes = content(4 * (1 << 20) + 4_321);
        Path part = emptyPart();
        FailingDirect failing = new FailingDirect(1); // the second 1 MiB run fails after one block
        PartWriter w = PartWriter.open(part, 0, bytes.length, buffers, failing);
        requireDirectIo(w);
        append(w, bytes, 0, 3 * (1 << 20), 65_536);
        assertTrue(failing.failed, "the injected failure was reached");
        assertFalse(w.direct(), "the rest of the file goes through the page cache");
        assertEquals(3 * (1 << 20), w.length());
        append(w, bytes, 3 * (1 << 20), bytes.length, 65_536);
        w.finish();
        w.close();
        assertArrayEquals(bytes, Files.readAllBytes(part));

        PartWriter next = PartWriter.open(Files.createFile(dir.resolve("g.part")), 0, bytes.length, buffers);
        assertTrue(next.direct(), "one failed file does not switch direct I/O off for the next");
        next.close();
    }

    @Test
    void directWriteFailing_atACheckpoint_stillMakesEveryByteDurable() throws Exception {
        byte[] bytes = content(2 * (1 << 20) + 99);
        int at = (1 << 20) - 10_000; // under one run: the checkpoint does the first direct write
        Path part = emptyPart();
        FailingDirect failing = new FailingDirect(0);
        PartWriter w = PartWriter.open(part, 0, bytes.length, buffers, failing);
        requireDirectIo(w);
        append(w, bytes, 0, at, 10_000);
        assertEquals(at, w.checkpoint());
        assertTrue(failing.failed, "the injected failure was reached");
        assertArrayEquals(Arrays.copyOf(bytes, at), Files.readAllBytes(part));
        append(w, bytes, at, bytes.length, 10_000);
        w.finish();
        w.close();
        assertArrayEquals(bytes, Files.readAllBytes(part));
    }

    /**
     * Opens the real {@code O_DIRECT} channel, lets {@code okWrites} writes through, then makes the
     * next one write a single block (as a device that fills up part-way) and fail.
     */
    private static final class FailingDirect implements PartWriter.DirectOpener {
        private final int okWrites;
        boolean failed;

        FailingDirect(int okWrites) {
            this.okWrites = okWrites;
        }

        @Override
        public FileChannel open(Path part) throws IOException {
            FileChannel real = PartWriter.O_DIRECT.open(part);
            int block = (int) Files.getFileStore(part).getBlockSize();
            return new DelegatingChannel(real) {
                private int writes;

                @Override
                public int write(ByteBuffer src, long position) throws IOException {
                    if (writes++ < okWrites) {
                        return real.write(src, position);
                    }
                    real.write(src.slice(src.position(), block), position);
                    src.position(src.position() + block);
                    failed = true;
                    throw new IOException("No space left on device (injected)");
                }
            };
        }
    }

    /** A file channel that passes every call to another. */
    private static class DelegatingChannel extends FileChannel {
        private final FileChannel to;

        DelegatingChannel(FileChannel to) {
            this.to = to;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return to.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return to.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return to.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            return to.write(srcs, offset, length);
        }

        @Override
        public long position() throws IOException {
            return to.position();
        }

        @Override
        public FileChannel position(long p) throws IOException {
            to.position(p);
            return this;
        }

        @Override
        public long size() throws IOException {
            return to.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            to.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            to.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return to.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return to.transferFrom(src, position, count);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return to.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return to.write(src, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return to.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return to.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return to.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            to.close();
        }
    }
}
