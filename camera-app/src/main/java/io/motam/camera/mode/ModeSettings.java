package io.motam.camera.mode;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Counts of the mode machine and its owner.
 *
 * @param maxAlerts      confirmed unknown sightings that block (the one entering ALERT is the first)
 * @param agreement      consecutive sightings with one verdict before it counts (1 = every sighting)
 * @param snapshotAlerts alert counts at which a snapshot is taken (1 = entering ALERT; 0 alone = none)
 */
public record ModeSettings(int maxAlerts, int agreement, SortedSet<Integer> snapshotAlerts) {

    public ModeSettings {
        if (maxAlerts < 1) {
            throw new IllegalArgumentException("expected max-alerts >= 1 but was " + maxAlerts);
        }
        if (agreement < 1 || agreement > 10) {
            throw new IllegalArgumentException("expected agreement in 1..10 but was " + agreement);
        }
        snapshotAlerts = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(snapshotAlerts));
        if (!snapshotAlerts.isEmpty() && snapshotAlerts.first() < 0) {
            throw new IllegalArgumentException("expected snapshot alert counts >= 0 but was " + snapshotAlerts);
        }
    }

    /** As the original: 12 alerts, snapshots entering ALERT and at alerts 4 and 8; agreement 2. */
    public static ModeSettings defaults() {
        return new ModeSettings(12, 2, new TreeSet<>(Set.of(1, 4, 8)));
    }
}
