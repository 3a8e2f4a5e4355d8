package io.motam.camera.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.camera.config.CameraConfig;
import io.motam.camera.config.RecognitionConfig;
import io.motam.camera.config.TestConfig;
import io.motam.camera.recognition.embedding.EmbeddingEngine;
import io.motam.camera.recognition.embedding.FaceEmbedder;
import io.motam.camera.recognition.lbph.LbphEngine;
import io.motam.camera.vision.FaceData;
import io.motam.camera.vision.FaceModelFiles;
import io.motam.camera.vision.VisionModelException;
import io.motam.camera.vision.detect.FaceDetector;
import io.motam.camera.vision.detect.OnnxFaceDetector;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings become vision objects: the engine that {@code motam.recognition.engine} names and no
 * other (LBPH when unset, whatever files lie in the model folder); with {@code embedding}, a bad
 * model file is an error naming it and LBPH runs; every bad setting fails clearly, at start.
 */
class VisionFactoryTest {
    @TempDir
    Path dir;

    private static RecognitionConfig recognition(Map<String, String> values) {
        return TestConfig.of(RecognitionConfig.class, values);
    }

    /** A model folder holding copies of the three good files. */
    private Path goodModels() throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        for (FaceModelFiles.Pinned p : FaceModelFiles.ALL) {
            Files.copy(FaceData.models().resolve(p.name()), models.resolve(p.name()));
        }
        return models;
    }

    /** Opens with {@code values} and returns the VisionFactory log lines. */
    private static List<String> openExpectingLbph(Map<String, String> values) throws Exception {
        try (LogLines log = new LogLines(VisionFactory.class);
                VisionFactory.Vision v = VisionFactory.open(recognition(values))) {
            assertInstanceOf(LbphEngine.class, v.engine());
            assertInstanceOf(FaceDetector.class, v.finder());
            return log.lines();
        }
    }

    @Test
    void engineEmbedding_withGoodModelFiles_givesTheOnnxDetectorAndTheEmbeddingEngine() throws Exception {
        try (VisionFactory.Vision v =
                VisionFactory.open(recognition(Map.of("model-dir", goodModels().toString(), "engine", "embedding")))) {
            assertInstanceOf(OnnxFaceDetector.class, v.finder());
            assertInstanceOf(EmbeddingEngine.class, v.engine());
            assertEquals("embedding-gallery.bin", v.engine().fileName());
        }
        try (VisionFactory.Vision v = VisionFactory.open(recognition(Map.of(
                "model-dir",
                dir.resolve("models").toString(),
                "engine",
                "embedding",
                "detector",
                "cascade",
                "cascade",
                "haar")))) {
            assertInstanceOf(EmbeddingEngine.class, v.engine());
            assertTrue(v.finder().describe().contains("haarcascade"), v.finder().describe());
        }
    }

    @Test
    void engineLbph_evenWithModelFiles_givesLbphAndTheCascade_orTheOnnxDetectorWhenAsked() throws Exception {
        Path models = goodModels();
        openExpectingLbph(Map.of("model-dir", models.toString(), "engine", "LBPH "));
        try (VisionFactory.Vision v = VisionFactory.open(
                recognition(Map.of("model-dir", models.toString(), "engine", "lbph", "detector", "onnx")))) {
            assertInstanceOf(LbphEngine.class, v.engine());
            assertInstanceOf(OnnxFaceDetector.class, v.finder());
        }
    }

    @Test
    void engineUnset_isLbph_evenWithGoodModelFiles_andNothingIsLogged() throws Exception {
        List<String> log = openExpectingLbph(Map.of("model-dir", goodModels().toString()));
        assertEquals(List.of(), log, "the setting alone chooses: model files present change nothing");
    }

    @Test
    void missingModelFile_isAnErrorNamingIt_andLbphRuns() throws Exception {
        Path models = goodModels();
        Files.delete(models.resolve("fr_landmark.onnx"));
        List<String> missing = openExpectingLbph(Map.of("model-dir", models.toString(), "engine", "embedding"));
        assertTrue(
                missing.stream()
                        .anyMatch(l -> l.startsWith("ERROR")
                                && l.contains(models.resolve("fr_landmark.onnx")
                                        + " (expected fr_landmark.onnx of faceplugin-face-recognition-js@0.0.1)")
                                && l.contains("falling back to LBPH with the lbp cascade")),
                missing.toString());
        Path none = dir.resolve("nowhere");
        List<String> log = openExpectingLbph(Map.of("model-dir", none.toString(), "engine", "embedding"));
        assertTrue(
                log.stream()
                        .anyMatch(l -> l.startsWith("ERROR")
                                && l.contains(none.resolve("fr_detect.onnx").toString())
                                && l.contains("falling back to LBPH")),
                log.toString());
    }

    @Test
    void truncatedModelFile_isAnErrorNamingIt_andLbphRuns() throws Exception {
        Path models = goodModels();
        Path feature = models.resolve("fr_feature.onnx");
        try (RandomAccessFile f = new RandomAccessFile(feature.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        List<String> log = openExpectingLbph(Map.of("model-dir", models.toString(), "engine", "embedding"));
        assertTrue(
                log.stream()
                        .anyMatch(l -> l.startsWith("ERROR")
                                && l.contains("face model file " + feature
                                        + ": expected 4884269 bytes but was 2442134 (truncated)")
                                && l.contains("falling back to LBPH")),
                log.toString());
    }

    @Test
    void modelFileWithAnotherChecksum_isAnErrorNamingIt_andLbphRuns() throws Exception {
        Path models = goodModels();
        Path detect = models.resolve("fr_detect.onnx");
        byte[] bytes = Files.readAllBytes(detect);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(detect, bytes);
        List<String> log = openExpectingLbph(Map.of("model-dir", models.toString(), "detector", "onnx"));
        assertTrue(
                log.stream()
                        .anyMatch(l -> l.startsWith("ERROR")
                                && l.contains("face model file " + detect + ": expected SHA-256 "
                                        + FaceModelFiles.DETECT.sha256() + " but was ")),
                log.toString());
    }

    @Test
    void modelOfTheWrongShape_orNoOnnxAtAll_isRefusedNamingTheFile() throws Exception {
        Path models = FaceData.models();
        Path landmark = models.resolve("fr_landmark.onnx");
        Path feature = models.resolve("fr_feature.onnx");
        VisionModelException swapped =
                assertThrows(VisionModelException.class, () -> FaceEmbedder.load(landmark, landmark));
        assertTrue(
                swapped.getMessage().startsWith("face model file " + landmark)
                        && swapped.getMessage().contains("[1, 3, 112, 112]"),
                swapped.getMessage());
        VisionModelException detector =
                assertThrows(VisionModelException.class, () -> OnnxFaceDetector.load(feature, 0.65, 40, 0));
        assertTrue(detector.getMessage().startsWith("face model file " + feature), detector.getMessage());
        Path garbage = Files.write(dir.resolve("garbage.onnx"), "this is no ONNX graph".getBytes());
        VisionModelException g = assertThrows(VisionModelException.class, () -> FaceEmbedder.load(garbage, feature));
        assertTrue(g.getMessage().startsWith("not a loadable ONNX model: " + garbage), g.getMessage());
    }

    @Test
    void unknownEngineDetectorOrCascade_tooSmallModelBound_orBadCalibration_nameTheKey() {
        Map<String, String> base = new HashMap<>(Map.of("model-dir", dir.toString()));
        Map<String, String> cases = Map.of(
                "engine", "expected motam.recognition.engine embedding or lbph but was \"deep\"",
                "detector", "expected motam.recognition.detector onnx or cascade but was \"deep\"",
                "cascade", "expected motam.recognition.cascade lbp or haar but was \"deep\"");
        cases.forEach((key, message) -> {
            Map<String, String> values = new HashMap<>(base);
            values.put(key, "deep");
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> VisionFactory.open(recognition(values)));
            assertEquals(message, e.getMessage());
        });
        IllegalArgumentException m = assertThrows(
                IllegalArgumentException.class, () -> VisionFactory.open(recognition(Map.of("max-samples", "20"))));
        assertTrue(m.getMessage().contains("max-samples (20) >= motam.recognition.enrol-samples (50)"), m.getMessage());
        IllegalArgumentException c = assertThrows(
                IllegalArgumentException.class,
                () -> VisionFactory.open(recognition(Map.of("embedding-calibration-floor", "0.7"))));
        assertTrue(
                c.getMessage().startsWith("motam.recognition.embedding-calibration-k / -floor / -ceiling: "),
                c.getMessage());
    }

    @Test
    void cameraSettings_badZoneOrTimings_nameTheKeys() {
        IllegalArgumentException z = assertThrows(
                IllegalArgumentException.class,
                () -> VisionFactory.presenceSettings(TestConfig.of(CameraConfig.class, Map.of("zone", "0,0,1"))));
        assertTrue(z.getMessage().startsWith("motam.camera.zone: "), z.getMessage());
        IllegalArgumentException t = assertThrows(
                IllegalArgumentException.class,
                () -> VisionFactory.presenceSettings(TestConfig.of(CameraConfig.class, Map.of("absent-after", "2s"))));
        assertTrue(t.getMessage().contains("absent-after"), t.getMessage());
        assertEquals(
                200_000,
                VisionFactory.micros(TestConfig.of(CameraConfig.class, Map.of()).frameInterval()));
    }
}
