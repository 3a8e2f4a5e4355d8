package io.motam.gateway.journal;

import java.time.Duration;
import java.util.Objects;

/**
 * Retention of the event journal.
 *
 * @param segmentBytes a segment is sealed once it holds at least this many bytes
 * @param retention    bridged segments whose last write is older than this may be deleted
 * @param maxBytes     bridged segments may be deleted, oldest first, while the journal is larger
 */
public record JournalSettings(long segmentBytes, Duration retention, long maxBytes) {
    /** Smallest segment accepted: one largest line. */
    public static final long MIN_SEGMENT_BYTES = EventJournal.MAX_LINE;

    public JournalSettings {
        Objects.requireNonNull(retention, "retention");
        if (segmentBytes < MIN_SEGMENT_BYTES) {
            throw new IllegalArgumentException(
                    "segment size must be at least " + MIN_SEGMENT_BYTES + " but was " + segmentBytes);
        }
        if (maxBytes < segmentBytes) {
            throw new IllegalArgumentException(
                    "max size must be at least the segment size " + segmentBytes + " but was " + maxBytes);
        }
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative but was " + retention);
        }
    }

    /** 4 MiB segments, 30 days, 256 MiB: the defaults of {@code motam.journal.*}. */
    public static JournalSettings defaults() {
        return new JournalSettings(4L << 20, Duration.ofDays(30), 256L << 20);
    }
}
