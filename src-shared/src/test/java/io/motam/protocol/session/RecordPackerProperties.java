package io.motam.protocol.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Whatever writes and flushes come, the packer passes the same bytes in order, in whole records until a flush. */
class RecordPackerProperties {

    /** Records what reaches "TLS": every write call is one or more records. */
    private static final class Tls extends OutputStream {
        final ByteArrayOutputStream all = new ByteArrayOutputStream();
        final List<Integer> writes = new ArrayList<>();
        int flushes;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            all.write(b, off, len);
            writes.add(len);
        }

        @Override
        public void flush() {
            flushes++;
        }
    }

    @Property(tries = 200)
    void anyWritesAndFlushes_sameBytesInOrder_wholeRecordsBetweenFlushes(
            @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 70_000) Integer> sizes,
            @ForAll @Size(max = 30) List<Boolean> flushAfter)
            throws IOException {
        Tls tls = new Tls();
        RecordPacker packer = new RecordPacker(tls);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        int n = 0;
        for (int i = 0; i < sizes.size(); i++) {
            byte[] chunk = new byte[sizes.get(i)];
            for (int j = 0; j < chunk.length; j++) {
                chunk[j] = (byte) (n++ * 31);
            }
            packer.write(chunk);
            expected.write(chunk);
            boolean flush = i < flushAfter.size() && flushAfter.get(i);
            if (flush) {
                packer.flush();
            } else {
                for (int w : tls.writes) {
                    assertTrue(
                            w % RecordPacker.RECORD_PLAINTEXT == 0 || tls.flushes > 0,
                            "a partial record went out without a flush: " + w);
                }
            }
        }
        packer.flush();
        assertArrayEquals(expected.toByteArray(), tls.all.toByteArray());
    }
}
