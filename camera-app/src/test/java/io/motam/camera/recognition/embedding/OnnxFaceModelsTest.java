package io.motam.camera.recognition.embedding;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2BGRA;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.camera.vision.FaceData;
import io.motam.camera.vision.FaceModelFiles;
import io.motam.camera.vision.Footage;
import io.motam.camera.vision.detect.FaceBox;
import io.motam.camera.vision.detect.OnnxFaceDetector;
import io.motam.camera.vision.source.CapturedFrame;
import io.motam.camera.vision.source.FrameSource;
import io.motam.camera.vision.source.FrameSources;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Optional;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The ONNX detector and the embedder on real faces and on frames that hold none. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnnxFaceModelsTest {
    private static final Logger LOG = Logger.getLogger(OnnxFaceModelsTest.class);
    private OnnxFaceDetector detector;
    private FaceEmbedder embedder;

    @BeforeAll
    void load() throws Exception {
        FaceModelFiles files = FaceData.modelFiles();
        files.verify();
        detector = OnnxFaceDetector.load(files.detect(), OnnxFaceDetector.DEFAULT_MIN_SCORE, 40, 0);
        embedder = FaceEmbedder.load(files.landmark(), files.feature());
    }

    @AfterAll
    void close() {
        detector.close();
        embedder.close();
    }

    @Test
    void detect_everyOwnerStill_findsExactlyOneFace_inFramePixels_alsoWhenScaledUp() throws Exception {
        for (String name : Footage.OWNER_STILLS) {
            try (Mat still = imread(Footage.file(name).toString());
                    Mat big = new Mat();
                    Size size = new Size(still.cols() * 2, still.rows() * 2)) {
                List<FaceBox> small = detector.detect(still);
                assertEquals(1, small.size(), name);
                resize(still, big, size);
                List<FaceBox> large = detector.detect(big);
                assertEquals(1, large.size(), name);
                assertTrue(large.get(0).scaled(0.5).iou(small.get(0)) > 0.8, name + ": " + small + " vs " + large);
                assertTrue(large.get(0).right() <= big.cols() && large.get(0).bottom() <= big.rows());
            }
        }
    }

    @Test
    void detect_grayAndBgraFrames_findTheSameFace_andEmbedAlike() throws Exception {
        try (Mat still = imread(Footage.file("franck_02045.jpg").toString());
                Mat grey = new Mat();
                Mat bgra = new Mat()) {
            cvtColor(still, grey, COLOR_BGR2GRAY);
            cvtColor(still, bgra, COLOR_BGR2BGRA);
            FaceBox reference = detector.detect(still).get(0);
            assertTrue(detector.detect(grey).get(0).iou(reference) > 0.8);
            assertEquals(reference, detector.detect(bgra).get(0));
            try (Mat a = embedder.embed(still, reference);
                    Mat b = embedder.embed(bgra, reference);
                    Mat c = embedder.embed(grey, reference)) {
                assertEquals(1.0, FaceEmbedder.cosine(floats(a), floats(b)), 1e-5);
                assertTrue(FaceEmbedder.cosine(floats(a), floats(c)) > 0.8, "a grey copy of the same face");
            }
        }
    }

    @Test
    void detect_emptyTinyOddOrFacelessFrames_findNothingWithoutFailing() {
        try (Mat empty = new Mat();
                Scalar grey = new Scalar(128.0);
                Mat tiny = new Mat(5, 7, CV_8UC3, grey);
                Mat odd = new Mat(97, 641, CV_8UC1, grey);
                Mat tall = new Mat(2001, 33, CV_8UC4, grey);
                Mat wide = new Mat(3, 4001, CV_8UC3, grey);
                Mat one = new Mat(1, 1, CV_8UC3, grey)) {
            for (Mat m : List.of(empty, tiny, odd, tall, wide, one)) {
                assertEquals(List.of(), detector.detect(m), m.cols() + "x" + m.rows());
            }
        }
    }

    @Test
    void landmarks_fivePointsLieWhereEyesNoseAndMouthAre() throws Exception {
        try (Mat still = imread(Footage.file("franck_01829.jpg").toString())) {
            FaceBox box = detector.detect(still).get(0);
            double[][] p = FaceEmbedder.fivePoints(embedder.landmarks(still, box));
            for (double[] point : p) {
                assertTrue(
                        point[0] > box.x() && point[0] < box.right() && point[1] > box.y() && point[1] < box.bottom(),
                        "inside the box: " + point[0] + "," + point[1] + " " + box);
            }
            assertTrue(p[0][0] < p[2][0] && p[2][0] < p[1][0], "left eye, nose, right eye from left to right");
            assertTrue(p[3][0] < p[2][0] && p[2][0] < p[4][0], "mouth corners either side of the nose");
            assertTrue(
                    Math.max(p[0][1], p[1][1]) < p[2][1] && p[2][1] < Math.min(p[3][1], p[4][1]),
                    "eyes above the nose tip above the mouth");
        }
    }

    @Test
    void similarity_recoversAKnownRotationScaleAndShift_andRefusesCoincidentPoints() {
        double angle = Math.toRadians(17);
        double scale = 1.7;
        double[][] moved = new double[5][];
        for (int i = 0; i < 5; i++) {
            double x = FaceEmbedder.TEMPLATE[i][0];
            double y = FaceEmbedder.TEMPLATE[i][1];
            moved[i] = new double[] {
                scale * (Math.cos(angle) * x - Math.sin(angle) * y) + 31,
                scale * (Math.sin(angle) * x + Math.cos(angle) * y) - 12
            };
        }
        double[] m = FaceEmbedder.similarity(moved, FaceEmbedder.TEMPLATE);
        for (int i = 0; i < 5; i++) {
            double x = m[0] * moved[i][0] + m[1] * moved[i][1] + m[2];
            double y = m[3] * moved[i][0] + m[4] * moved[i][1] + m[5];
            assertEquals(FaceEmbedder.TEMPLATE[i][0], x, 1e-9);
            assertEquals(FaceEmbedder.TEMPLATE[i][1], y, 1e-9);
        }
        double[][] same = {{5, 5}, {5, 5}, {5, 5}, {5, 5}, {5, 5}};
        assertThrows(IllegalArgumentException.class, () -> FaceEmbedder.similarity(same, FaceEmbedder.TEMPLATE));
    }

    @Test
    void detectAndEmbed_overHundredsOfFrames_leaveNoNativeObjectBehind() throws Exception {
        run(); // warm-up: lazy native singletons
        long objectsBefore = Pointer.totalCount();
        long rssBefore = Pointer.physicalBytes();
        int faces = run();
        long objectsAfter = Pointer.totalCount();
        LOG.infof(
                "%d faces embedded: live JavaCPP objects %d -> %d, resident memory %d -> %d MiB",
                faces, objectsBefore, objectsAfter, rssBefore >> 20, Pointer.physicalBytes() >> 20);
        assertTrue(faces >= 80, "faces " + faces);
        assertTrue(objectsAfter - objectsBefore < 10, "live native objects grew by " + (objectsAfter - objectsBefore));
    }

    /** cap13_edit2.mp4, every 8th frame detected and embedded; returns faces embedded. */
    private int run() throws Exception {
        int faces = 0;
        int frames = 0;
        try (FrameSource source =
                FrameSources.open(Footage.file(Footage.STRANGER_B).toString())) {
            for (Optional<CapturedFrame> next = source.next(); next.isPresent(); next = source.next(), frames++) {
                try (CapturedFrame frame = next.get()) {
                    if (frames % 8 != 0) {
                        continue;
                    }
                    for (FaceBox box : detector.detect(frame.bgr())) {
                        embedder.embed(frame.bgr(), box).close();
                        faces++;
                    }
                }
            }
        }
        return faces;
    }

    private static float[] floats(Mat m) {
        float[] f = new float[FaceEmbedder.DIMENSION];
        ((FloatBuffer) m.createBuffer()).get(f);
        return f;
    }
}
