package io.motam.gateway.backup;

import io.motam.domain.FileKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which stored files go, without touching the disk.
 *
 * <ol>
 * <li>Age: every file stored before {@code now - maxAge} goes.</li>
 * <li>Size: while the total (plus the bytes reserved by partial transfers) is over
 * {@code maxSize}, superseded models go first (oldest first), then evidence (snapshots and logs),
 * oldest first.</li>
 * </ol>
 * The latest model of each camera is never chosen, whatever its age or size.
 */
public final class Retention {

    /**
     * The limits the store keeps.
     *
     * @param maxAge        stored files older than this go
     * @param maxSize       stored files plus partial transfers stay within this many bytes
     * @param minFree       a transfer is admitted only if its remaining bytes leave this much free on the disk
     * @param partialMaxAge partial transfers not written to for this long are deleted
     */
    public record Limits(Duration maxAge, long maxSize, long minFree, Duration partialMaxAge) {
        /** The default of {@code motam.backup.partial-max-age}. */
        public static final Duration PARTIAL_MAX_AGE = Duration.ofHours(24);

        public Limits {
            if (maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("expected a positive max age but was " + maxAge);
            }
            if (maxSize <= 0) {
                throw new IllegalArgumentException("expected a positive max size but was " + maxSize);
            }
            if (minFree < 0) {
                throw new IllegalArgumentException("expected a min free space of 0 or more but was " + minFree);
            }
            if (partialMaxAge.isNegative() || partialMaxAge.isZero()) {
                throw new IllegalArgumentException("expected a positive partial max age but was " + partialMaxAge);
            }
        }

        /** No free-space floor; partial transfers kept {@link #PARTIAL_MAX_AGE}. */
        public Limits(Duration maxAge, long maxSize) {
            this(maxAge, maxSize, 0, PARTIAL_MAX_AGE);
        }
    }

    /** A file chosen for deletion, and why. */
    public record Removal(StoredFile file, String why) {}

    private Retention() {}

    /** The files to delete, in the order they should go. */
    public static List<Removal> choose(Collection<StoredFile> files, Limits limits, Instant now) {
        return choose(files, limits, now, 0);
    }

    /**
     * The files to delete, in the order they should go, so that they and {@code reserved} bytes
     * (partial transfers, a transfer about to start) fit in {@code maxSize}.
     */
    public static List<Removal> choose(Collection<StoredFile> files, Limits limits, Instant now, long reserved) {
        Set<StoredFile> kept = latestModels(files);
        Instant cutoff = now.minus(limits.maxAge());
        List<Removal> out = new ArrayList<>();
        Set<StoredFile> gone = new LinkedHashSet<>();
        long total = reserved;
        for (StoredFile f : files) {
            total += f.size();
            if (!kept.contains(f) && f.storedAt().isBefore(cutoff)) {
                out.add(new Removal(f, "older than " + limits.maxAge()));
                gone.add(f);
                total -= f.size();
            }
        }
        if (total <= limits.maxSize()) {
            return out;
        }
        Comparator<StoredFile> oldestFirst =
                Comparator.comparing(StoredFile::storedAt).thenComparing(StoredFile::relative);
        List<StoredFile> candidates = new ArrayList<>();
        files.stream()
                .filter(f -> f.kind() == FileKind.MODEL && !kept.contains(f) && !gone.contains(f))
                .sorted(oldestFirst)
                .forEach(candidates::add);
        files.stream()
                .filter(f -> Kinds.evidence(f.kind()) && !gone.contains(f))
                .sorted(oldestFirst)
                .forEach(candidates::add);
        for (StoredFile f : candidates) {
            if (total <= limits.maxSize()) {
                break;
            }
            out.add(new Removal(f, "store over " + limits.maxSize() + " bytes"));
            total -= f.size();
        }
        return out;
    }

    /** The newest model of each camera. */
    static Set<StoredFile> latestModels(Collection<StoredFile> files) {
        Map<String, StoredFile> latest = new HashMap<>();
        for (StoredFile f : files) {
            if (f.kind() == FileKind.MODEL) {
                latest.merge(f.cameraId(), f, (a, b) -> b.storedAt().isBefore(a.storedAt()) ? a : b);
            }
        }
        return Set.copyOf(latest.values());
    }
}
