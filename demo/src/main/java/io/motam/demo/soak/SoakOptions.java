package io.motam.demo.soak;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One soak run's settings.
 *
 * @param faults     faults to inject (at least 1)
 * @param seed       seed of the random choices (fault kinds, gaps): the same seed picks the same faults
 * @param workDir    data folders and logs of the run (emptied at start)
 * @param minGap     shortest wait before a fault, after the previous one has been recovered from
 * @param maxGap     longest such wait
 * @param patience   longest wait for any one recovery or for the final drain
 */
record SoakOptions(int faults, long seed, Path workDir, Duration minGap, Duration maxGap, Duration patience) {
    SoakOptions {
        if (faults < 1) {
            throw new IllegalArgumentException("expected at least 1 fault but was " + faults);
        }
        if (minGap.isNegative() || maxGap.compareTo(minGap) < 0) {
            throw new IllegalArgumentException("expected 0 <= min gap <= max gap but was " + minGap + " and " + maxGap);
        }
    }
}
