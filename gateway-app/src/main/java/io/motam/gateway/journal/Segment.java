package io.motam.gateway.journal;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One file of the journal: {@code events-<first index, 20 digits>.jsonl}. The last segment is
 * the active one; the others are sealed (complete and fsync'd) and never change again.
 */
final class Segment {
    static final String PREFIX = "events-";
    static final String SUFFIX = ".jsonl";
    /** Digits of the first index in the name, so that names sort like indexes. */
    static final int INDEX_DIGITS = 20;

    final long first;
    final Path file;
    /** Size once sealed; -1 while active. Guarded by the journal's lock. */
    long sealedSize = -1;

    Segment(long first, Path file) {
        if (first < 1) {
            throw new IllegalArgumentException("a segment starts at index 1 or later but was " + first);
        }
        this.first = first;
        this.file = file;
    }

    static Segment in(Path dir, long first) {
        return new Segment(first, dir.resolve(name(first)));
    }

    static String name(long first) {
        return PREFIX + String.format("%0" + INDEX_DIGITS + "d", first) + SUFFIX;
    }

    /** The first index named by a segment file, or empty for any other file. */
    static Optional<Long> firstIndexOf(String fileName) {
        if (!fileName.startsWith(PREFIX)
                || !fileName.endsWith(SUFFIX)
                || fileName.length() != PREFIX.length() + INDEX_DIGITS + SUFFIX.length()) {
            return Optional.empty();
        }
        String digits = fileName.substring(PREFIX.length(), PREFIX.length() + INDEX_DIGITS);
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return Optional.empty();
            }
        }
        try {
            long first = Long.parseLong(digits);
            return first < 1 ? Optional.empty() : Optional.of(first);
        } catch (NumberFormatException e) {
            return Optional.empty(); // beyond the range of indexes
        }
    }

    boolean sealed() {
        return sealedSize >= 0;
    }

    @Override
    public String toString() {
        return file.getFileName().toString();
    }
}
