package io.motam.camera.vision.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.camera.vision.Footage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameSourcesTest {

    private static final Logger LOG = Logger.getLogger(FrameSourcesTest.class);
    private static final FrameSourceSettings HALF_SECOND = new FrameSourceSettings(Duration.ofMillis(500), 0, 0, 0);

    @TempDir
    Path temp;

    @Test
    void videoFile_franck_givesBgrFramesWithIncreasingTimestamps() throws Exception {
        try (FrameSource source = FrameSources.open(Footage.file(Footage.FRANCK).toString())) {
            assertEquals(41_667, source.frameIntervalMicros());
            long previous = -1;
            for (int i = 0; i < 120; i++) {
                try (CapturedFrame frame = source.next().orElseThrow()) {
                    assertEquals(360, frame.width());
                    assertEquals(288, frame.height());
                    assertEquals(3, frame.bgr().channels());
                    assertTrue(frame.timestampMicros() > previous, "timestamps must increase");
                    previous = frame.timestampMicros();
                }
            }
            assertEquals(119 * 1_000_000L / 24, previous, 1);
        }
    }

    @Test
    void videoFile_readToEnd_thenStaysEmpty() throws Exception {
        try (FrameSource source =
                FrameSources.open(Footage.file(Footage.STRANGER_B).toString())) {
            int frames = 0;
            long last = -1;
            for (Optional<CapturedFrame> next = source.next(); next.isPresent(); next = source.next()) {
                try (CapturedFrame frame = next.get()) {
                    last = frame.timestampMicros();
                    frames++;
                }
            }
            assertEquals(765, frames);
            assertEquals(764 * 40_000L, last);
            assertTrue(source.next().isEmpty());
        }
    }

    @Test
    void folder_footageStills_playedInNameOrderAtTheConfiguredInterval() throws Exception {
        List<Path> stills = ImageFolderSource.listImages(Footage.dir());
        assertTrue(stills.size() >= 30, "expected the footage stills but found " + stills.size());
        List<String> origins = new ArrayList<>();
        try (FrameSource source = FrameSources.open(Footage.dir().toString(), HALF_SECOND)) {
            for (Optional<CapturedFrame> next = source.next(); next.isPresent(); next = source.next()) {
                try (CapturedFrame frame = next.get()) {
                    assertEquals(origins.size() * 500_000L, frame.timestampMicros());
                    assertEquals(3, frame.bgr().channels());
                    origins.add(frame.origin());
                }
            }
        }
        assertEquals(stills.stream().map(Path::toString).toList(), origins);
    }

    @Test
    void folder_unreadableImage_isSkippedAndLeavesAGapInTime() throws Exception {
        Files.write(temp.resolve("a_broken.jpg"), randomBytes(5_000));
        Files.copy(Footage.file("franck_01829.jpg"), temp.resolve("b_good.JPG"));
        Files.writeString(temp.resolve("c_notes.txt"), "not an image");
        try (FrameSource source = FrameSources.open(temp.toString(), HALF_SECOND)) {
            try (CapturedFrame frame = source.next().orElseThrow()) {
                assertTrue(frame.origin().endsWith("b_good.JPG"));
                assertEquals(500_000L, frame.timestampMicros());
            }
            assertTrue(source.next().isEmpty());
        }
    }

    @Test
    void playlist_videoFolderVideo_timestampsKeepIncreasingAcrossSources() throws Exception {
        Path stills = Files.createDirectory(temp.resolve("stills"));
        Files.copy(Footage.file("franck_01829.jpg"), stills.resolve("1.jpg"));
        Files.copy(Footage.file("franck_02045.jpg"), stills.resolve("2.jpg"));
        String video = Footage.file(Footage.STRANGER_B).toString();
        String spec = video + ", " + stills + "," + video;

        List<Long> timestamps = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        try (FrameSource source = FrameSources.open(spec, HALF_SECOND)) {
            assertInstanceOf(PlaylistSource.class, source);
            for (Optional<CapturedFrame> next = source.next(); next.isPresent(); next = source.next()) {
                try (CapturedFrame frame = next.get()) {
                    timestamps.add(frame.timestampMicros());
                    origins.add(frame.origin());
                }
            }
        }
        assertEquals(765 + 2 + 765, timestamps.size());
        for (int i = 1; i < timestamps.size(); i++) {
            assertTrue(timestamps.get(i) > timestamps.get(i - 1), "timestamp " + i + " went back: " + timestamps);
        }
        long videoEnd = 764 * 40_000L;
        assertEquals(videoEnd + 40_000L, timestamps.get(765), "folder starts one video frame after the video");
        assertEquals(videoEnd + 40_000L + 500_000L, timestamps.get(766));
        assertEquals(
                videoEnd + 40_000L + 500_000L + 500_000L, timestamps.get(767), "second video starts one image later");
        assertTrue(origins.get(765).endsWith("1.jpg"));
        LOG.infof("Playlist of %d frames spans %.2f s", timestamps.size(), timestamps.get(timestamps.size() - 1) / 1e6);
    }

    @Test
    void open_missingFile_throwsNamingThePath() {
        Path missing = temp.resolve("nope.mp4");
        FrameSourceException e = assertThrows(FrameSourceException.class, () -> FrameSources.open(missing.toString()));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void open_playlistWithAMissingLaterItem_failsBeforePlaying() throws Exception {
        String spec = Footage.file(Footage.STRANGER_B) + "," + temp.resolve("gone.mp4");
        FrameSourceException e = assertThrows(FrameSourceException.class, () -> FrameSources.open(spec));
        assertTrue(e.getMessage().contains("gone.mp4"), e.getMessage());
    }

    @Test
    void open_emptyFolder_throwsNamingTheFolder() throws IOException {
        Path empty = Files.createDirectory(temp.resolve("empty"));
        Files.writeString(empty.resolve("readme.txt"), "no images here");
        FrameSourceException e = assertThrows(FrameSourceException.class, () -> FrameSources.open(empty.toString()));
        assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
    }

    @Test
    void open_truncatedVideo_throwsOrEndsCleanly() throws Exception {
        Path truncated = temp.resolve("truncated.mp4");
        try (InputStream in = Files.newInputStream(Footage.file(Footage.FRANCK))) {
            Files.write(truncated, in.readNBytes(20 * 1024));
        }
        int frames = readAllOrFail(truncated);
        LOG.infof("Truncated franck.mp4 (20 KB): %s", frames < 0 ? "refused at open" : frames + " frames");
        assertTrue(frames <= 0, "a 20 KB head of the video holds no decodable frame");
    }

    @Test
    void read_videoWithCorruptMiddle_neverCrashes() throws Exception {
        byte[] bytes = Files.readAllBytes(Footage.file(Footage.STRANGER_B));
        byte[] junk = randomBytes(4_000);
        System.arraycopy(junk, 0, bytes, 200_000, junk.length);
        Path corrupt = temp.resolve("corrupt.mp4");
        Files.write(corrupt, bytes);
        int frames = readAllOrFail(corrupt);
        LOG.infof("Corrupt-middle cap13_edit2.mp4: %s", frames < 0 ? "refused" : frames + " frames decoded");
        assertTrue(frames <= 765);
    }

    @Test
    void open_notAVideo_throwsNamingThePath() throws IOException {
        Path text = Files.writeString(temp.resolve("notes.mp4"), "hello");
        FrameSourceException e = assertThrows(FrameSourceException.class, () -> FrameSources.open(text.toString()));
        assertTrue(e.getMessage().contains(text.toString()), e.getMessage());
    }

    @Test
    void open_missingDevice_throwsNamingTheDevice() {
        FrameSourceException byPath =
                assertThrows(FrameSourceException.class, () -> FrameSources.open("device:/dev/video97"));
        assertTrue(byPath.getMessage().contains("/dev/video97"), byPath.getMessage());
        FrameSourceException notACamera =
                assertThrows(FrameSourceException.class, () -> FrameSources.open("device:/dev/null"));
        assertTrue(notACamera.getMessage().contains("/dev/null"), notACamera.getMessage());
        FrameSourceException byIndex = assertThrows(FrameSourceException.class, () -> FrameSources.open("device:97"));
        assertTrue(byIndex.getMessage().contains("device:97"), byIndex.getMessage());
    }

    @Test
    void parse_specs_giveTheMatchingKinds() throws Exception {
        assertEquals(new FrameSourceSpec.DeviceIndex(0), FrameSourceSpec.parse("device:0"));
        assertEquals(new FrameSourceSpec.DevicePath(Path.of("/dev/null")), FrameSourceSpec.parse(" device:/dev/null "));
        Path video = Footage.file(Footage.FRANCK);
        assertEquals(new FrameSourceSpec.VideoFile(video), FrameSourceSpec.parse(video.toString()));
        assertEquals(
                new FrameSourceSpec.Folder(Footage.dir()),
                FrameSourceSpec.parse(Footage.dir().toString()));
        FrameSourceSpec list = FrameSourceSpec.parse(video + ",device:1");
        assertEquals(video + ",device:1", list.describe());
    }

    @Test
    void parse_blankOrEmptyItem_throws() {
        assertThrows(FrameSourceException.class, () -> FrameSourceSpec.parse(" "));
        assertThrows(FrameSourceException.class, () -> FrameSourceSpec.parse("device:0,,device:1"));
        assertThrows(FrameSourceException.class, () -> FrameSourceSpec.parse("device:"));
    }

    @Test
    void next_afterClose_throwsIllegalState() throws Exception {
        FrameSource source = FrameSources.open(Footage.file(Footage.STRANGER_B).toString());
        source.close();
        source.close();
        assertThrows(IllegalStateException.class, source::next);
    }

    /** Frames decoded until the end, or -1 when the source refused with a FrameSourceException. */
    private static int readAllOrFail(Path video) {
        try (FrameSource source = FrameSources.open(video.toString())) {
            int frames = 0;
            for (Optional<CapturedFrame> next = source.next(); next.isPresent(); next = source.next()) {
                next.get().close();
                frames++;
            }
            assertFalse(source.next().isPresent());
            return frames;
        } catch (FrameSourceException e) {
            LOG.infof("Refused as expected: %s", e.getMessage());
            return -1;
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(42).nextBytes(bytes);
        return bytes;
    }
}
