package io.motam.camera.recognition;

import io.motam.domain.Verdict;
import java.util.Optional;

/**
 * Debounces recognition verdicts: a KNOWN or UNKNOWN verdict counts for the mode machine only
 * once it was the verdict of {@code needed} consecutive sightings (checks of exactly one face);
 * after that, every further sighting with the same verdict counts too. Checks with no face or
 * several faces are not sightings: they neither extend nor break a streak.
 *
 * <p>With {@code needed = 2} a stranger enters ALERT at his second sighting and a single
 * misjudged frame never flips the mode. Not thread-safe (the controller serialises calls).
 */
public final class Agreement {
    private final int needed;
    private Verdict last;
    private int streak;

    public Agreement(int needed) {
        if (needed < 1 || needed > 10) {
            throw new IllegalArgumentException("expected an agreement of 1..10 sightings but was " + needed);
        }
        this.needed = needed;
    }

    /**
     * Adds one check's verdict.
     *
     * @return the verdict when it is confirmed (counts for the mode machine), else empty
     */
    public Optional<Verdict> add(Verdict verdict) {
        if (verdict != Verdict.KNOWN && verdict != Verdict.UNKNOWN) {
            return Optional.empty();
        }
        if (verdict == last) {
            streak = Math.min(streak + 1, needed);
        } else {
            last = verdict;
            streak = 1;
        }
        return streak >= needed ? Optional.of(verdict) : Optional.empty();
    }

    /** The unconfirmed verdict waiting for more sightings, if any. */
    public Optional<Verdict> pending() {
        return last != null && streak < needed ? Optional.of(last) : Optional.empty();
    }

    /** Forgets the streak (after a stop, a release or a new enrolment). */
    public void reset() {
        last = null;
        streak = 0;
    }

    public int needed() {
        return needed;
    }
}
