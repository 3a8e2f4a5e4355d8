package io.motam.camera.recognition;

import java.util.Arrays;

/**
 * Summary of a set of LBPH distances.
 *
 * @param count  number of distances
 * @param mean   arithmetic mean
 * @param stddev sample standard deviation (n - 1), 0 for a single value
 * @param p95    95th percentile (nearest rank)
 * @param max    largest distance
 */
public record DistanceStats(int count, double mean, double stddev, double p95, double max) {

    public DistanceStats {
        if (count < 1) {
            throw new IllegalArgumentException("expected at least one distance but was " + count);
        }
    }

    /** Summarises the given distances (at least one, all finite). */
    public static DistanceStats of(double[] distances) {
        if (distances.length == 0) {
            throw new IllegalArgumentException("expected at least one distance but was none");
        }
        double[] sorted = distances.clone();
        Arrays.sort(sorted);
        if (!Double.isFinite(sorted[0]) || !Double.isFinite(sorted[sorted.length - 1])) {
            throw new IllegalArgumentException(
                    "expected finite distances but found " + sorted[0] + " or " + sorted[sorted.length - 1]);
        }
        double mean = Arrays.stream(sorted).average().orElseThrow();
        double squares = Arrays.stream(sorted).map(d -> (d - mean) * (d - mean)).sum();
        double stddev = sorted.length > 1 ? Math.sqrt(squares / (sorted.length - 1)) : 0.0;
        return new DistanceStats(sorted.length, mean, stddev, percentile(sorted, 0.95), sorted[sorted.length - 1]);
    }

    /** Nearest-rank percentile of sorted values, {@code q} in (0, 1]. */
    static double percentile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
