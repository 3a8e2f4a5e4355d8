package io.motam.camera.tracking;

import io.motam.camera.vision.detect.FaceBox;
import io.motam.domain.Verdict;
import java.util.Optional;

/**
 * One face followed across frames. Owned and updated by {@link FaceTracker}; the pipeline may
 * attach the latest recognition verdict of the face ({@link #identify}).
 */
public final class FaceTrack {
    private final long id;
    private final long firstSeenMicros;
    private FaceBox box;
    private long lastSeenMicros;
    private int hits;
    private Verdict identity;

    FaceTrack(long id, FaceBox box, long at) {
        this.id = id;
        this.box = box;
        this.firstSeenMicros = at;
        this.lastSeenMicros = at;
        this.hits = 1;
    }

    void seen(FaceBox newBox, long at) {
        box = newBox;
        lastSeenMicros = at;
        hits++;
    }

    /** Track id, from 1, unique for the tracker's lifetime. */
    public long id() {
        return id;
    }

    /** Latest box. */
    public FaceBox box() {
        return box;
    }

    public long firstSeenMicros() {
        return firstSeenMicros;
    }

    public long lastSeenMicros() {
        return lastSeenMicros;
    }

    /** Frames the face was found in. */
    public int hits() {
        return hits;
    }

    /** The latest recognition verdict of this face (KNOWN or UNKNOWN), if it was checked. */
    public Optional<Verdict> identity() {
        return Optional.ofNullable(identity);
    }

    /** Records the verdict of a recognition check of this face. */
    public void identify(Verdict verdict) {
        if (verdict != Verdict.KNOWN && verdict != Verdict.UNKNOWN) {
            throw new IllegalArgumentException("expected KNOWN or UNKNOWN for a face but was " + verdict);
        }
        identity = verdict;
    }

    @Override
    public String toString() {
        return "track " + id + " " + box + (identity == null ? "" : " " + identity);
    }
}
