package io.motam.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * How an append-only file of lines is read back at open. A line that does not parse, with a good
 * line after it, is damage (a bad sector), not a torn write: it is skipped and reported, and the
 * records after it are kept. What follows the last good line is the torn tail of a crash
 * mid-append, for the caller to cut.
 */
public final class LineScan {
    private LineScan() {}

    /** Parses one line (without its newline) of {@code buf}; empty when it is not a good record. */
    @FunctionalInterface
    public interface Parser<T> {
        Optional<T> parse(byte[] buf, int offset, int length);
    }

    /**
     * Hands every good line of {@code all}, in order, to {@code good}, and the byte offset of every
     * skipped bad line to {@code skipped} (just before the good line that follows it).
     *
     * @return the length of {@code all} up to the end of its last good line
     */
    public static <T> long scan(byte[] all, Parser<T> parser, Consumer<T> good, IntConsumer skipped) {
        int lineStart = 0;
        long goodLength = 0;
        List<Integer> bad = new ArrayList<>();
        for (int i = 0; i < all.length; i++) {
            if (all[i] != '\n') {
                continue;
            }
            Optional<T> record = parser.parse(all, lineStart, i - lineStart);
            if (record.isEmpty()) {
                bad.add(lineStart);
            } else {
                bad.forEach(skipped::accept);
                bad.clear();
                good.accept(record.get());
                goodLength = i + 1;
            }
            lineStart = i + 1;
        }
        return goodLength;
    }
}
