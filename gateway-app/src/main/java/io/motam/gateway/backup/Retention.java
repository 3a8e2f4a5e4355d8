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
 * <li>Size: while the total is over {@code maxSize}, superseded models go first (oldest first),
 * then evidence (snapshots and logs), oldest first.</li>
 * </ol>
 * The latest model of each camera is never chosen, whatever its age or size.
 */
public final class Retention {

    /** The limits the store keeps. */
    public record Limits(Duration maxAge, long maxSize) {
        public Limits {
            if (maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("expected a positive max age but was " + maxAge);
            }
            if (maxSize <= 0) {
                throw new IllegalArgumentException("expected a positive max size but was " + maxSize);
            }
        }
    }

    /** A file chosen for deletion, and why. */
    public record Removal(StoredFile file, String why) {
    }

    private Retention() {
    }

    /** The files to delete, in the order they should go. */
    public static List<Removal> choose(Collection<StoredFile> files, Limits limits, Instant now) {
        Set<StoredFile> kept = latestModels(files);
        Instant cutoff = now.minus(limits.maxAge());
        List<Removal> out = new ArrayList<>();
        Set<StoredFile> gone = new LinkedHashSet<>();
        long total = 0;
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
        Comparator<StoredFile> oldestFirst = Comparator.comparing(StoredFile::storedAt)
                .thenComparing(StoredFile::relative);
        List<StoredFile> candidates = new ArrayList<>();
        files.stream().filter(f -> f.kind() == FileKind.MODEL && !kept.contains(f) && !gone.contains(f))
                .sorted(oldestFirst).forEach(candidates::add);
        files.stream().filter(f -> Kinds.evidence(f.kind()) && !gone.contains(f)).sorted(oldestFirst)
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
