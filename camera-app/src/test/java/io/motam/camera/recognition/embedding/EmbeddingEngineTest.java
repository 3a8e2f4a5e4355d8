package io.motam.camera.recognition.embedding;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.camera.recognition.ModelBackup;
import io.motam.camera.vision.FaceData;
import io.motam.camera.vision.FaceModelFiles;
import io.motam.camera.vision.Footage;
import io.motam.camera.vision.VisionModelException;
import io.motam.camera.vision.detect.FaceBox;
import io.motam.camera.vision.detect.OnnxFaceDetector;
import io.motam.domain.FileKind;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding engine's gallery: bound, pinned enrolment, calibration, save and restore, backup. */
class EmbeddingEngineTest {
    private static final String MODEL = FaceModelFiles.FEATURE.sha256();
    private final Random random = new Random(11);

    @TempDir
    Path dir;

    private static EmbeddingEngine engine(int max) throws Exception {
        FaceModelFiles files = FaceData.modelFiles();
        return new EmbeddingEngine(
                FaceEmbedder.load(files.landmark(), files.feature()), MODEL, max, EmbeddingCalibration.defaults());
    }

    /** Random unit vectors: unrelated faces (cosine near 0). */
    private List<Mat> vectors(int n) {
        List<Mat> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] v = new float[FaceEmbedder.DIMENSION];
            double norm = 0;
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) random.nextGaussian();
                norm += v[j] * v[j];
            }
            Mat m = new Mat(1, v.length, CV_32F);
            FloatBuffer b = m.createBuffer();
            for (int j = 0; j < v.length; j++) {
                b.put(j, (float) (v[j] / Math.sqrt(norm)));
            }
            out.add(m);
        }
        return out;
    }

    @Test
    void samplesOfOneFace_areUnitVectors_closeToEachOther_andFarFromAnotherFace() throws Exception {
        FaceModelFiles files = FaceData.modelFiles();
        try (EmbeddingEngine e = engine(10);
                OnnxFaceDetector detector = OnnxFaceDetector.load(files.detect(), 0.65, 40, 0);
                Mat a = imread(Footage.file("franck_01829.jpg").toString());
                Mat b = imread(Footage.file("franck_04117.jpg").toString());
                Mat c = imread(Footage.file("obama4_crop.jpg").toString())) {
            List<Mat> samples = new ArrayList<>();
            for (Mat image : List.of(a, b, c)) {
                List<FaceBox> faces = detector.detect(image);
                assertEquals(1, faces.size());
                samples.add(e.sample(image, faces.get(0)));
            }
            float[] va = EmbeddingEngine.toArray(samples.get(0));
            assertEquals(1.0, FaceEmbedder.cosine(va, va), 1e-5, "unit length");
            e.enrol(List.of(samples.get(0)));
            assertTrue(e.distance(samples.get(1)) < 0.3, "same man, other still: " + e.distance(samples.get(1)));
            assertTrue(e.distance(samples.get(2)) > 0.7, "another man: " + e.distance(samples.get(2)));
            samples.forEach(Mat::close);
        }
    }

    @Test
    void gallery_isBounded_enrolmentPinned_restoredAndLearntVectorsGoFirst() throws Exception {
        List<Mat> old = vectors(6);
        List<Mat> fresh = vectors(6);
        List<Mat> learnt = vectors(8);
        Path file = dir.resolve("restored/embedding-gallery.bin");
        try (EmbeddingEngine before = engine(20);
                EmbeddingEngine after = engine(14)) {
            before.enrol(old);
            before.save(file);
            after.restore(file);
            after.enrol(fresh);
            assertEquals(12, after.size());
            assertEquals(6, after.pinned());
            assertEquals(0.0, after.distance(old.get(0)), 1e-6, "the restored gallery is used");
            after.reinforce(learnt);
            assertEquals(14, after.size());
            assertEquals(6, after.pinned());
            for (Mat f : fresh) {
                assertEquals(0.0, after.distance(f), 1e-6, "the enrolment stays");
            }
            assertEquals(0.0, after.distance(learnt.get(7)), 1e-6, "the newest learnt vector stays");
        } finally {
            old.forEach(Mat::close);
            fresh.forEach(Mat::close);
            learnt.forEach(Mat::close);
        }
    }

    @Test
    void calibration_ofAStillEnrolment_isTheFloor_ofAWildOne_theCeiling() throws Exception {
        List<Mat> same = vectors(1);
        List<Mat> still = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            still.add(same.get(0).clone());
        }
        List<Mat> wild = vectors(6);
        try (EmbeddingEngine e = engine(50)) {
            assertEquals(EmbeddingCalibration.DEFAULT_FLOOR, e.calibrate(still), 1e-9);
            assertEquals(EmbeddingCalibration.DEFAULT_CEILING, e.calibrate(wild), 1e-9);
            assertThrows(IllegalArgumentException.class, () -> e.calibrate(wild.subList(0, 3)));
        } finally {
            same.forEach(Mat::close);
            still.forEach(Mat::close);
            wild.forEach(Mat::close);
        }
    }

    @Test
    void restore_refusesGarbage_truncation_trailingBytes_andAnotherModelsGallery_andTheEngineStillEnrols()
            throws Exception {
        List<Mat> v = vectors(4);
        Path good = dir.resolve("good.bin");
        try (EmbeddingEngine e = engine(20)) {
            e.enrol(v);
            e.save(good);
            byte[] bytes = Files.readAllBytes(good);
            assertEquals(8 + 64 + 8 + 4 * (1 + 512 * 4), bytes.length);
            Path garbage = Files.write(dir.resolve("garbage.bin"), new byte[] {1, 2, 3});
            Path truncated = Files.write(dir.resolve("truncated.bin"), Arrays.copyOf(bytes, bytes.length - 3));
            Path trailing = Files.write(dir.resolve("trailing.bin"), Arrays.copyOf(bytes, bytes.length + 1));
            byte[] other = bytes.clone();
            other[8] = (byte) (other[8] == 'a' ? 'b' : 'a');
            Path otherModel = Files.write(dir.resolve("other.bin"), other);
            Path lbph = dir.resolve("lbph-model.yml.gz");
            Files.write(lbph, new byte[] {0x1f, (byte) 0x8b, 8, 0});
            try (EmbeddingEngine fresh = engine(20)) {
                assertTrue(assertThrows(VisionModelException.class, () -> fresh.restore(garbage))
                        .getMessage()
                        .startsWith("not a MOTAM face gallery: " + garbage));
                assertTrue(assertThrows(VisionModelException.class, () -> fresh.restore(truncated))
                        .getMessage()
                        .startsWith("truncated face gallery: " + truncated));
                assertTrue(assertThrows(VisionModelException.class, () -> fresh.restore(trailing))
                        .getMessage()
                        .contains("has bytes after its 4 vectors"));
                assertTrue(assertThrows(VisionModelException.class, () -> fresh.restore(otherModel))
                        .getMessage()
                        .contains("but this camera runs " + MODEL));
                assertThrows(VisionModelException.class, () -> fresh.restore(lbph));
                assertEquals(0, fresh.size(), "nothing half-restored");
                fresh.enrol(v);
                assertEquals(4, fresh.size());
                assertEquals(4, fresh.pinned());
            }
        } finally {
            v.forEach(Mat::close);
        }
    }

    @Test
    void backup_savesTheGalleryUnderItsName_andHandsItOnAsAModel() throws Exception {
        List<FileKind> sent = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        ModelBackup backup = new ModelBackup(
                dir.resolve("model"),
                (k, f) -> {
                    sent.add(k);
                    files.add(f);
                },
                Duration.ofMinutes(10));
        List<Mat> v = vectors(4);
        try (EmbeddingEngine e = engine(20)) {
            e.enrol(v);
            backup.saveNow(e);
            assertEquals(List.of(FileKind.MODEL), sent);
            assertEquals(dir.resolve("model/embedding-gallery.bin"), files.get(0));
            try (EmbeddingEngine restored = engine(20)) {
                restored.restore(files.get(0));
                assertEquals(4, restored.size());
                assertEquals(0, restored.pinned(), "pinning belongs to this start's enrolment");
                assertEquals(0.0, restored.distance(v.get(3)), 1e-6);
            }
        } finally {
            v.forEach(Mat::close);
        }
    }
}
