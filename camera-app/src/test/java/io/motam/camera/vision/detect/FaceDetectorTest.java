package io.motam.camera.vision.detect;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2BGRA;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.camera.vision.Footage;
import io.motam.camera.vision.VisionModelException;
import io.motam.camera.vision.source.CapturedFrame;
import io.motam.camera.vision.source.FrameSource;
import io.motam.camera.vision.source.FrameSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaceDetectorTest {

    private static final Logger LOG = Logger.getLogger(FaceDetectorTest.class);
    private static final String STILL = "franck_01829.jpg";

    @TempDir
    Path temp;

    @Test
    void detect_franckEvery24thFrame_findsExactlyOneFaceInAtLeast90Percent() throws Exception {
        int sampled = 0;
        int exactlyOne = 0;
        long detectNanos = 0;
        try (FaceDetector detector = FaceDetector.load(CascadeKind.LBP, FaceDetectorSettings.defaults());
                FrameSource source =
                        FrameSources.open(Footage.file(Footage.FRANCK).toString())) {
            int index = 0;
            for (Optional<CapturedFrame> next = source.next(); next.isPresent(); next = source.next(), index++) {
                try (CapturedFrame frame = next.get()) {
                    if (index % 24 != 0) {
                        continue;
                    }
                    long start = System.nanoTime();
                    List<FaceBox> faces = detector.detect(frame.bgr());
                    detectNanos += System.nanoTime() - start;
                    sampled++;
                    if (faces.size() == 1) {
                        exactlyOne++;
                    }
                }
            }
        }
        double rate = (double) exactlyOne / sampled;
        LOG.infof(
                "LBP detector on franck.mp4: exactly one face in %d of %d sampled frames (%.1f %%), %.1f ms/frame",
                exactlyOne, sampled, 100 * rate, detectNanos / 1e6 / sampled);
        assertEquals(200, sampled);
        assertTrue(rate >= 0.90, "exactly-one-face rate " + rate);
    }

    @Test
    void load_haar_findsTheFaceInAStill() throws Exception {
        try (FaceDetector detector = FaceDetector.load(CascadeKind.HAAR, FaceDetectorSettings.defaults());
                Mat still = imread(Footage.file(STILL).toString())) {
            assertEquals(1, detector.detect(still).size());
        }
    }

    @Test
    void detect_largeFrame_returnsBoxesInFramePixels() throws Exception {
        try (FaceDetector detector = FaceDetector.load(CascadeKind.LBP, FaceDetectorSettings.defaults());
                Mat still = imread(Footage.file(STILL).toString());
                Mat large = new Mat();
                Size fourTimes = new Size(still.cols() * 4, still.rows() * 4)) {
            resize(still, large, fourTimes, 0, 0, INTER_LINEAR);
            List<FaceBox> small = detector.detect(still);
            List<FaceBox> big = detector.detect(large);
            assertEquals(1, small.size());
            assertEquals(1, big.size());
            FaceBox backToSmall = big.get(0).scaled(0.25);
            LOG.infof(
                    "Still %dx%d: %s; 4x upscaled %dx%d: %s",
                    still.cols(), still.rows(), small.get(0), large.cols(), large.rows(), big.get(0));
            assertTrue(backToSmall.iou(small.get(0)) > 0.6, "iou " + backToSmall.iou(small.get(0)));
            assertTrue(big.get(0).right() <= large.cols() && big.get(0).bottom() <= large.rows());
        }
    }

    @Test
    void detect_grayAndBgraFrames_findTheSameFace() throws Exception {
        try (FaceDetector detector = FaceDetector.load(CascadeKind.LBP, FaceDetectorSettings.defaults());
                Mat still = imread(Footage.file(STILL).toString());
                Mat grey = new Mat();
                Mat bgra = new Mat()) {
            cvtColor(still, grey, COLOR_BGR2GRAY);
            cvtColor(still, bgra, COLOR_BGR2BGRA);
            FaceBox reference = detector.detect(still).get(0);
            assertEquals(reference, detector.detect(grey).get(0));
            assertEquals(reference, detector.detect(bgra).get(0));
        }
    }

    @Test
    void detect_emptyTinyOrOddFrames_findNothingWithoutFailing() throws Exception {
        try (FaceDetector detector = FaceDetector.load(CascadeKind.LBP, FaceDetectorSettings.defaults());
                Mat empty = new Mat();
                Scalar grey = new Scalar(128.0);
                Mat tiny = new Mat(5, 7, CV_8UC3, grey);
                Mat odd = new Mat(97, 641, CV_8UC1, grey);
                Mat tall = new Mat(2001, 33, CV_8UC4, grey)) {
            assertEquals(List.of(), detector.detect(empty));
            assertEquals(List.of(), detector.detect(tiny));
            assertEquals(List.of(), detector.detect(odd));
            assertEquals(List.of(), detector.detect(tall));
        }
    }

    @Test
    void fromFile_missingCascade_throwsNamingThePath() {
        Path missing = temp.resolve("missing.xml");
        VisionModelException e = assertThrows(
                VisionModelException.class, () -> FaceDetector.fromFile(missing, FaceDetectorSettings.defaults()));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void fromFile_notACascade_throwsNamingThePath() throws Exception {
        Path junk =
                Files.writeString(temp.resolve("junk.xml"), "<?xml version=\"1.0\"?><opencv_storage></opencv_storage>");
        VisionModelException e = assertThrows(
                VisionModelException.class, () -> FaceDetector.fromFile(junk, FaceDetectorSettings.defaults()));
        assertTrue(e.getMessage().contains(junk.toString()), e.getMessage());
    }

    @Test
    void cascadeKind_resourcePath_followsThePlatformJarLayout() {
        assertEquals(
                "/org/bytedeco/opencv/linux-arm64/share/opencv4/lbpcascades/lbpcascade_frontalface_improved.xml",
                CascadeKind.LBP.resourcePath("linux-arm64"));
        assertEquals(
                "/org/bytedeco/opencv/linux-x86_64/share/opencv4/haarcascades/haarcascade_frontalface_default.xml",
                CascadeKind.HAAR.resourcePath("linux-x86_64"));
    }
}
