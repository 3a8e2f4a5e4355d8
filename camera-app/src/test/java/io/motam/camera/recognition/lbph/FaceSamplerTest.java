package io.motam.camera.recognition.lbph;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.motam.camera.vision.detect.FaceBox;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

class FaceSamplerTest {

    @Test
    void sample_returnsASquareGreySampleOfTheConfiguredSize() {
        try (FaceSampler sampler = new FaceSampler();
                Scalar color = new Scalar(10, 200, 30, 0);
                Mat frame = new Mat(288, 360, CV_8UC3, color);
                Mat sample = sampler.sample(frame, new FaceBox(120, 80, 110, 110))) {
            assertEquals(CV_8UC1, sample.type());
            assertEquals(80, sample.cols());
            assertEquals(80, sample.rows());
        }
    }

    @Test
    void cropRegion_isTheCentralPartMovedUp() {
        try (FaceSampler sampler = new FaceSampler()) {
            // 75 % of 100 = 75, centred: x = 100 + 12; moved up by 5 % of 100 = 5: y = 100 + 12 - 5
            assertEquals(new FaceBox(112, 107, 75, 75), sampler.cropRegion(new FaceBox(100, 100, 100, 100), 360, 288));
        }
    }

    @Test
    void cropRegion_boxPastTheEdge_isSlidInsideKeepingItsSize() {
        try (FaceSampler sampler = new FaceSampler()) {
            assertEquals(new FaceBox(0, 0, 75, 75), sampler.cropRegion(new FaceBox(-40, -40, 100, 100), 360, 288));
            assertEquals(new FaceBox(285, 213, 75, 75), sampler.cropRegion(new FaceBox(300, 250, 100, 100), 360, 288));
            assertEquals(new FaceBox(0, 0, 50, 40), sampler.cropRegion(new FaceBox(0, 0, 400, 400), 50, 40));
        }
    }

    @Test
    void sample_boxOutsideTheFrame_throws() {
        try (FaceSampler sampler = new FaceSampler();
                Scalar black = new Scalar(0.0);
                Mat frame = new Mat(50, 50, CV_8UC1, black);
                Mat empty = new Mat()) {
            assertThrows(IllegalArgumentException.class, () -> sampler.sample(frame, new FaceBox(60, 0, 10, 10)));
            assertThrows(IllegalArgumentException.class, () -> sampler.sample(empty, new FaceBox(0, 0, 10, 10)));
        }
    }
}
