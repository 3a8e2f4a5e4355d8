package io.motam.camera.recognition.lbph;

/**
 * Parameters of the LBPH model (local binary pattern histograms, Ahonen et al. 2004).
 *
 * <p>Each sample becomes {@code gridX * gridY} histograms of 2<sup>neighbors</sup> bins;
 * a prediction is the chi-square distance to the nearest stored sample. With the defaults a
 * sample costs 64 KiB of floats, so {@link #DEFAULT_MAX_SAMPLES} bounds the model to ~13 MiB.
 *
 * @param radius     LBP circle radius in pixels; 2 beat 1 on the test footage at 80 px samples
 * @param neighbors  points on the circle; 8 gives 256-bin histograms
 * @param gridX      histogram cells across
 * @param gridY      histogram cells down
 * @param maxSamples most samples kept; the oldest are dropped beyond it (see {@link LbphRecogniser})
 */
public record LbphSettings(int radius, int neighbors, int gridX, int gridY, int maxSamples) {

    public static final int DEFAULT_RADIUS = 2;
    public static final int DEFAULT_NEIGHBORS = 8;
    public static final int DEFAULT_GRID = 8;
    public static final int DEFAULT_MAX_SAMPLES = 200;
    /** Upper bound of {@code neighbors}: the histogram has 2^neighbors bins. */
    static final int MAX_NEIGHBORS = 12;

    public LbphSettings {
        if (radius < 1 || radius > 8) {
            throw new IllegalArgumentException("expected radius in [1, 8] but was " + radius);
        }
        if (neighbors < 4 || neighbors > MAX_NEIGHBORS) {
            throw new IllegalArgumentException("expected neighbors in [4, " + MAX_NEIGHBORS + "] but was " + neighbors);
        }
        if (gridX < 1 || gridX > 32 || gridY < 1 || gridY > 32) {
            throw new IllegalArgumentException("expected grid in [1, 32] but was " + gridX + "x" + gridY);
        }
        if (maxSamples < 1 || maxSamples > 10_000) {
            throw new IllegalArgumentException("expected maxSamples in [1, 10000] but was " + maxSamples);
        }
    }

    /** Radius 2, 8 neighbours, 8x8 grid, at most 200 samples. */
    public static LbphSettings defaults() {
        return new LbphSettings(DEFAULT_RADIUS, DEFAULT_NEIGHBORS, DEFAULT_GRID, DEFAULT_GRID, DEFAULT_MAX_SAMPLES);
    }

    /** These settings with another sample cap. */
    public LbphSettings withMaxSamples(int max) {
        return new LbphSettings(radius, neighbors, gridX, gridY, max);
    }

    /** Bytes of one sample's histograms (float32). */
    long bytesPerSample() {
        return (long) gridX * gridY * (1L << neighbors) * Float.BYTES;
    }
}
