package io.motam.protocol.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
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

    private Path emptyPart() throws Exception {
        return Files.createFile(dir.resolve("f.part"));
    }

    @Test
    void largeFile_writtenWithDirectIo_hasExactlyTheAppendedBytes() throws Exception {
        byte[] bytes = content(3 * (1 << 20) + 1000); // not a whole number of blocks
        Path part = emptyPart();
        PartWriter w = PartWriter.open(part, 0, bytes.length, buffers);
        assumeTrue(w.direct(), "this file system has no direct I/O");
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
}
