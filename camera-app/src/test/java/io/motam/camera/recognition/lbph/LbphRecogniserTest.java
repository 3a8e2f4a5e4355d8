package io.motam.camera.recognition.lbph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.camera.vision.SyntheticFaces;
import io.motam.camera.vision.VisionModelException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LbphRecogniserTest {

    private final List<Mat> first = SyntheticFaces.noise(8, 1);
    private final List<Mat> second = SyntheticFaces.noise(6, 2);

    @TempDir
    Path temp;

    @AfterEach
    void release() {
        SyntheticFaces.closeAll(first);
        SyntheticFaces.closeAll(second);
    }

    @Test
    void predict_aTrainedSample_isAtDistanceZeroWithItsLabel() {
        try (LbphRecogniser recogniser = new LbphRecogniser()) {
            recogniser.train(first, 7);
            Prediction p = recogniser.predict(first.get(3));
            assertEquals(7, p.label());
            assertEquals(0.0, p.distance(), 1e-9);
            assertTrue(p.within(0.0));
            assertEquals(8, recogniser.sampleCount());
        }
    }

    @Test
    void update_addsSamplesAndLabelsIncrementally() {
        try (LbphRecogniser recogniser = new LbphRecogniser()) {
            recogniser.update(first, 1);
            recogniser.update(second, 2);
            assertEquals(14, recogniser.sampleCount());
            assertEquals(1, recogniser.predict(first.get(0)).label());
            assertEquals(2, recogniser.predict(second.get(5)).label());
        }
    }

    @Test
    void update_beyondMaxSamples_equalsAModelOfTheNewestSamples() {
        LbphSettings bounded = LbphSettings.defaults().withMaxSamples(10);
        // 8 + 6 samples over a bound of 10: the oldest go, and a quarter of the bound (2) more
        List<Mat> newest = new ArrayList<>(first.subList(6, 8));
        newest.addAll(second);
        try (LbphRecogniser recogniser = new LbphRecogniser(bounded);
                LbphRecogniser reference = new LbphRecogniser(bounded);
                LbphRecogniser probe = new LbphRecogniser(bounded)) {
            recogniser.train(first, 1);
            recogniser.update(second, 1);
            reference.train(newest, 1);
            assertEquals(8, recogniser.sampleCount());
            for (Mat face : List.of(first.get(0), first.get(5), first.get(7), second.get(2))) {
                assertEquals(reference.predict(face), recogniser.predict(face));
            }
            assertTrue(recogniser.predict(first.get(0)).distance() > 0, "the oldest sample was dropped");
            probe.train(first, 3); // train beyond the bound keeps the last samples of the list
            assertEquals(8, probe.sampleCount());
        }
    }

    @Test
    void update_beyondMaxSamples_dropsUnpinnedSamplesBeforeThePinnedEnrolment() {
        LbphSettings bounded = LbphSettings.defaults().withMaxSamples(8);
        try (LbphRecogniser recogniser = new LbphRecogniser(bounded)) {
            recogniser.train(first.subList(0, 4), 1);
            recogniser.pinNewest(4);
            recogniser.update(second, 1);
            recogniser.update(first.subList(4, 8), 1);
            assertEquals(4, recogniser.pinnedCount());
            assertTrue(recogniser.sampleCount() <= 8, "bounded: " + recogniser.sampleCount());
            for (Mat pinned : first.subList(0, 4)) {
                assertEquals(0.0, recogniser.predict(pinned).distance(), 1e-9, "the enrolment is kept");
            }
            assertEquals(0.0, recogniser.predict(first.get(7)).distance(), 1e-9, "the newest is kept");
            assertTrue(recogniser.predict(second.get(0)).distance() > 0, "the oldest unpinned went first");
        }
    }

    @Test
    void saveThenLoad_givesTheSamePredictionsFromAnOwnerOnlyFile() throws IOException {
        Path file = temp.resolve("models/owner.lbph");
        try (LbphRecogniser recogniser = new LbphRecogniser();
                LbphRecogniser restored = new LbphRecogniser()) {
            recogniser.train(first, 4);
            recogniser.save(file);
            recogniser.save(file); // replaces atomically
            restored.load(file);
            assertEquals(8, restored.sampleCount());
            for (Mat face : second) {
                assertEquals(recogniser.predict(face), restored.predict(face));
            }
        }
        assertEquals(
                Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(file));
        try (var entries = Files.list(file.getParent())) {
            assertEquals(List.of(file), entries.toList(), "no temp file left behind");
        }
    }

    @Test
    void load_moreSamplesThanTheBound_keepsTheNewest() throws IOException {
        Path file = temp.resolve("big.lbph");
        try (LbphRecogniser big = new LbphRecogniser();
                LbphRecogniser small =
                        new LbphRecogniser(LbphSettings.defaults().withMaxSamples(5))) {
            big.train(first, 1);
            big.save(file);
            small.load(file);
            assertEquals(5, small.sampleCount());
            assertEquals(0.0, small.predict(first.get(7)).distance(), 1e-9);
        }
    }

    @Test
    void load_missingOrCorruptFiles_throwVisionModelException() throws IOException {
        Path garbage = Files.write(temp.resolve("garbage.lbph"), new byte[] {1, 2, 3, 4, 5});
        Path gzipOfText = Files.write(temp.resolve("text.lbph"), gzip("%YAML:1.0\n---\nradius: 2\n"));
        Path notYaml = Files.write(temp.resolve("html.lbph"), gzip("<html></html>"));
        Path truncated = temp.resolve("truncated.lbph");
        try (LbphRecogniser recogniser = new LbphRecogniser()) {
            recogniser.train(first, 1);
            Path whole = temp.resolve("whole.lbph");
            recogniser.save(whole);
            byte[] bytes = Files.readAllBytes(whole);
            Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            for (Path bad : List.of(temp.resolve("missing.lbph"), garbage, gzipOfText, notYaml, truncated)) {
                VisionModelException e = assertThrows(VisionModelException.class, () -> recogniser.load(bad));
                assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
            }
            assertEquals(8, recogniser.sampleCount(), "a failed load keeps the current model");
        }
    }

    @Test
    void load_modelWithOtherLbpParameters_isRefused() throws IOException {
        Path file = temp.resolve("r1.lbph");
        try (LbphRecogniser radiusOne = new LbphRecogniser(new LbphSettings(1, 8, 8, 8, 200));
                LbphRecogniser defaults = new LbphRecogniser()) {
            radiusOne.train(first, 1);
            radiusOne.save(file);
            VisionModelException e = assertThrows(VisionModelException.class, () -> defaults.load(file));
            assertTrue(e.getMessage().contains("radius 1"), e.getMessage());
        }
    }

    @Test
    void predict_untrainedOrWrongSample_throws() {
        try (LbphRecogniser recogniser = new LbphRecogniser();
                Mat bigger = new Mat(100, 100, org.bytedeco.opencv.global.opencv_core.CV_8UC1)) {
            assertThrows(IllegalStateException.class, () -> recogniser.predict(first.get(0)));
            assertThrows(IllegalStateException.class, () -> recogniser.save(temp.resolve("empty.lbph")));
            recogniser.train(first, 1);
            assertThrows(IllegalArgumentException.class, () -> recogniser.predict(bigger));
            assertThrows(IllegalArgumentException.class, () -> recogniser.update(List.of(bigger), 1));
            assertThrows(IllegalArgumentException.class, () -> recogniser.train(List.of(), 1));
        }
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        return bytes.toByteArray();
    }
}
