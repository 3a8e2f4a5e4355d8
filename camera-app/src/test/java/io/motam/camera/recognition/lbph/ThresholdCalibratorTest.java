package io.motam.camera.recognition.lbph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.camera.recognition.DistanceStats;
import io.motam.camera.vision.SyntheticFaces;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ThresholdCalibratorTest {

    private final List<Mat> faces = SyntheticFaces.noise(10, 3);

    @AfterEach
    void release() {
        SyntheticFaces.closeAll(faces);
    }

    @Test
    void stats_knownValues() {
        DistanceStats stats = DistanceStats.of(new double[] {4, 1, 3, 2});
        assertEquals(4, stats.count());
        assertEquals(2.5, stats.mean(), 1e-12);
        assertEquals(Math.sqrt(5.0 / 3.0), stats.stddev(), 1e-12);
        assertEquals(4.0, stats.p95());
        assertEquals(4.0, stats.max());
        assertEquals(0.0, DistanceStats.of(new double[] {7}).stddev());
    }

    @Test
    void calibrate_withoutClamping_isMeanPlusKStddev() {
        Calibration c =
                new ThresholdCalibrator(LbphSettings.defaults(), new CalibrationSettings(2, 0, 1e9)).calibrate(faces);
        assertEquals(10, c.stats().count());
        assertEquals(c.stats().mean() + 2 * c.stats().stddev(), c.threshold(), 1e-9);
        assertFalse(c.clamped());
        assertTrue(c.stats().mean() > 0);
    }

    @Test
    void calibrate_clampsToFloorAndCeiling() {
        Calibration floor =
                new ThresholdCalibrator(LbphSettings.defaults(), new CalibrationSettings(0, 1e8, 1e9)).calibrate(faces);
        assertEquals(1e8, floor.threshold());
        assertTrue(floor.clamped());
        Calibration ceiling =
                new ThresholdCalibrator(LbphSettings.defaults(), new CalibrationSettings(4, 0, 1)).calibrate(faces);
        assertEquals(1.0, ceiling.threshold());
        assertTrue(ceiling.derived() > 1.0);
    }

    @Test
    void calibrate_tooFewSamples_throws() {
        assertThrows(IllegalArgumentException.class, () -> new ThresholdCalibrator().calibrate(faces.subList(0, 3)));
    }
}
