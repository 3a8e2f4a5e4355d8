package io.motam.camera.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.camera.config.CameraConfig;
import io.motam.camera.config.RecognitionConfig;
import io.motam.camera.config.TestConfig;
import io.motam.camera.recognition.FaceEngine;
import io.motam.camera.recognition.LbphEngine;
import io.motam.camera.vision.FaceDetector;
import io.motam.camera.vision.FaceFinder;
import io.motam.camera.vision.SfaceModel;
import io.motam.camera.vision.VisionModelException;
import io.motam.camera.vision.YuNetFaceFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings become vision objects, and every bad setting or model file fails clearly, at start. */
class VisionFactoryTest {
    @TempDir
    Path dir;

    private static RecognitionConfig recognition(Map<String, String> values) {
        return TestConfig.of(RecognitionConfig.class, values);
    }

    @Test
    void defaults_giveTheLbpCascadeAndLbph() throws Exception {
        try (FaceFinder finder = VisionFactory.finder(recognition(Map.of()));
             FaceEngine engine = VisionFactory.engine(recognition(Map.of()), finder)) {
            assertInstanceOf(FaceDetector.class, finder);
            assertInstanceOf(LbphEngine.class, engine);
            assertTrue(finder.describe().contains("lbpcascade"), finder.describe());
        }
        try (FaceFinder haar = VisionFactory.finder(recognition(Map.of("cascade", "HAAR ")))) {
            assertTrue(haar.describe().contains("haarcascade"), haar.describe());
        }
    }

    @Test
    void unknownCascade_namesTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VisionFactory.finder(recognition(Map.of("cascade", "dnn"))));
        assertEquals("expected motam.recognition.cascade lbp or haar but was \"dnn\"", e.getMessage());
    }

    @Test
    void yunetModel_missingOrNotAModel_failsNamingTheFile() throws Exception {
        Path missing = dir.resolve("face_detection_yunet_2023mar.onnx");
        VisionModelException e = assertThrows(VisionModelException.class,
                () -> VisionFactory.finder(recognition(Map.of("yunet-model", missing.toString()))));
        assertTrue(e.getMessage().contains("YuNet model file not found") && e.getMessage().contains(missing.toString()),
                e.getMessage());
        Path garbage = Files.write(dir.resolve("garbage.onnx"), "this is no ONNX graph".getBytes());
        VisionModelException g = assertThrows(VisionModelException.class,
                () -> YuNetFaceFinder.load(garbage, 0.9f, 48, 640));
        assertTrue(g.getMessage().startsWith("not a loadable YuNet ONNX model: " + garbage), g.getMessage());
    }

    @Test
    void sfaceModel_missingOrNotAModel_failsNamingTheFile() throws Exception {
        Path missing = dir.resolve("face_recognition_sface_2021dec.onnx");
        VisionModelException e = assertThrows(VisionModelException.class, () -> SfaceModel.load(missing));
        assertTrue(e.getMessage().contains("SFace model file not found") && e.getMessage().contains(
                "motam.recognition.sface-model"), e.getMessage());
        Path garbage = Files.write(dir.resolve("garbage.onnx"), new byte[] {8, 1, 2, 3});
        VisionModelException g = assertThrows(VisionModelException.class, () -> SfaceModel.load(garbage));
        assertTrue(g.getMessage().startsWith("not a loadable SFace ONNX model: " + garbage), g.getMessage());
    }

    @Test
    void sfaceWithoutYunet_orTooSmallModelBound_isABadSetting() throws Exception {
        try (FaceFinder cascade = VisionFactory.finder(recognition(Map.of()))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VisionFactory.engine(
                    recognition(Map.of("sface-model", dir.resolve("sface.onnx").toString())), cascade));
            assertTrue(e.getMessage().contains("needs motam.recognition.yunet-model"), e.getMessage());
            IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> VisionFactory.engine(
                    recognition(Map.of("max-samples", "20")), cascade));
            assertTrue(m.getMessage().contains("max-samples (20) >= motam.recognition.enrol-samples (50)"),
                    m.getMessage());
        }
    }

    @Test
    void cameraSettings_badZoneOrTimings_nameTheKeys() {
        IllegalArgumentException z = assertThrows(IllegalArgumentException.class, () -> VisionFactory.presenceSettings(
                TestConfig.of(CameraConfig.class, Map.of("zone", "0,0,1"))));
        assertTrue(z.getMessage().startsWith("motam.camera.zone: "), z.getMessage());
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class, () -> VisionFactory.presenceSettings(
                TestConfig.of(CameraConfig.class, Map.of("absent-after", "2s"))));
        assertTrue(t.getMessage().contains("absent-after"), t.getMessage());
        assertEquals(200_000, VisionFactory.micros(TestConfig.of(CameraConfig.class, Map.of()).frameInterval()));
    }
}
