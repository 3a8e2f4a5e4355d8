package io.motam.camera.recognition;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.camera.recognition.lbph.CalibrationSettings;
import io.motam.camera.recognition.lbph.LbphEngine;
import io.motam.camera.recognition.lbph.LbphSettings;
import io.motam.camera.vision.VisionModelException;
import io.motam.domain.FileKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBackupAndEngineTest {
    private static final java.util.Random RANDOM = new java.util.Random(7);

    @TempDir
    Path dir;

    private static List<Mat> faces(int n) {
        List<Mat> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] pixels = new byte[80 * 80];
            RANDOM.nextBytes(pixels);
            Mat m = new Mat(80, 80, CV_8UC1);
            m.data().put(pixels);
            out.add(m);
        }
        return out;
    }

    private static LbphEngine engine(int max) {
        return new LbphEngine(LbphSettings.defaults().withMaxSamples(max), CalibrationSettings.defaults());
    }

    @Test
    void restoredModel_isMergedWithTheEnrolment_whichIsPinned() throws Exception {
        List<Mat> old = faces(6);
        List<Mat> fresh = faces(6);
        List<Mat> learnt = faces(8);
        Path file = dir.resolve("restore/lbph-model.yml.gz");
        try (LbphEngine before = engine(20);
                LbphEngine after = engine(14)) {
            before.enrol(old);
            before.save(file);
            after.restore(file);
            after.enrol(fresh);
            assertEquals(12, after.size());
            assertEquals(6, after.pinned());
            assertEquals(0.0, after.distance(old.get(0)), 1e-9, "the restored gallery is used");
            after.reinforce(learnt); // 20 > 14: restored and learnt samples go first, never the enrolment
            assertTrue(after.size() <= 14, "bounded: " + after.size());
            for (Mat f : fresh) {
                assertEquals(0.0, after.distance(f), 1e-9);
            }
        } finally {
            old.forEach(Mat::close);
            fresh.forEach(Mat::close);
            learnt.forEach(Mat::close);
        }
    }

    @Test
    void restore_ofAGarbageFile_failsClearly_andTheEngineStillEnrols() throws Exception {
        Path garbage = Files.write(dir.resolve("bad.yml.gz"), new byte[] {1, 2, 3});
        List<Mat> fresh = faces(4);
        try (LbphEngine e = engine(20)) {
            assertThrows(VisionModelException.class, () -> e.restore(garbage));
            e.enrol(fresh);
            assertEquals(4, e.size());
        } finally {
            fresh.forEach(Mat::close);
        }
    }

    @Test
    void backup_savesAtOnce_thenAtMostOncePerInterval_andFlushesWhatChanged() throws Exception {
        List<FileKind> sent = new ArrayList<>();
        long[] now = {0};
        ModelBackup backup =
                new ModelBackup(dir.resolve("model"), (k, f) -> sent.add(k), Duration.ofMinutes(10), () -> now[0]);
        List<Mat> samples = faces(4);
        try (LbphEngine e = engine(20)) {
            e.enrol(samples);
            backup.saveNow(e);
            assertTrue(Files.isRegularFile(backup.fileOf(e)));
            now[0] += Duration.ofMinutes(1).toNanos();
            backup.changed(e);
            assertEquals(1, sent.size(), "rate-limited");
            backup.flush(e);
            assertEquals(2, sent.size(), "the pending change is saved at shutdown");
            backup.flush(e);
            assertEquals(2, sent.size(), "nothing changed since");
            now[0] += Duration.ofMinutes(11).toNanos();
            backup.changed(e);
            assertEquals(List.of(FileKind.MODEL, FileKind.MODEL, FileKind.MODEL), sent);
        } finally {
            samples.forEach(Mat::close);
        }
    }
}
