package io.motam.camera.evidence;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.domain.FileKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotWriterTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;

    private record Sent(FileKind kind, Path file) {}

    @Test
    void write_producesAnOwnerOnlyJpegThatDecodes_andDispatchesIt() throws Exception {
        List<Sent> sent = new ArrayList<>();
        SnapshotWriter w =
                new SnapshotWriter(dir.resolve("snapshots"), "cam1", 90, 10, (k, f) -> sent.add(new Sent(k, f)));
        try (Scalar colour = new Scalar(40, 120, 200, 0);
                Mat frame = new Mat(241, 321, CV_8UC3, colour)) {
            Path file = w.write(frame, T0, "alert4");
            assertEquals(
                    "snap-20261123T100000.000Z-cam1-alert4.jpg",
                    file.getFileName().toString());
            byte[] head = Files.readAllBytes(file);
            assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xD8}, new byte[] {head[0], head[1]}, "JPEG SOI");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            try (Mat back = imread(file.toString())) {
                assertEquals(321, back.cols(), "odd sizes survive");
                assertEquals(241, back.rows());
            }
            assertEquals(List.of(new Sent(FileKind.SNAPSHOT, file)), sent);
            try (Stream<Path> left = Files.list(file.getParent())) {
                assertEquals(1, left.count(), "no temp file left behind");
            }
        }
    }

    @Test
    void write_beyondTheKeepCount_deletesTheOldest() throws Exception {
        SnapshotWriter w = new SnapshotWriter(dir, "cam1", 80, 3, (k, f) -> {});
        try (Mat frame = new Mat(48, 64, CV_8UC3, new Scalar(1, 2, 3, 0))) {
            for (int i = 0; i < 5; i++) {
                w.write(frame, T0.plusSeconds(i), "alert" + (i + 1));
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names =
                    files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(3, names.size());
            assertTrue(names.get(0).endsWith("alert3.jpg"), names.toString());
        }
    }

    @Test
    void write_emptyFrameOrBadReason_isRefused() {
        SnapshotWriter w = new SnapshotWriter(dir, "cam1", 80, 3, (k, f) -> {});
        try (Mat empty = new Mat();
                Mat frame = new Mat(8, 8, CV_8UC3)) {
            assertThrows(java.io.IOException.class, () -> w.write(empty, T0, "alert1"));
            assertThrows(IllegalArgumentException.class, () -> w.write(frame, T0, "../x"));
        }
    }
}
