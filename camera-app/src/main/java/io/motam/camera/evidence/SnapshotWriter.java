package io.motam.camera.evidence;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import io.motam.domain.FileKind;
import io.motam.storage.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.jboss.logging.Logger;

/**
 * Writes evidence frames as JPEG (OpenCV {@code imencode}) into a folder, atomically and
 * owner-only (faces are personal data), hands each to the {@link FileDispatch}, and keeps at most
 * {@code keep} snapshots in the folder (the oldest are deleted first).
 *
 * <p>Names: {@code snap-<utc yyyyMMddTHHmmss.SSSZ>-<camera>-<reason>.jpg}, so name order is time
 * order. Not thread-safe: the vision thread owns it.
 */
public final class SnapshotWriter {
    private static final Logger LOG = Logger.getLogger(SnapshotWriter.class);
    static final String PREFIX = "snap-";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Path folder;
    private final String cameraId;
    private final int quality;
    private final int keep;
    private final FileDispatch dispatch;

    /**
     * @param quality JPEG quality 1..100
     * @param keep    snapshots kept in the folder, at least 1
     */
    public SnapshotWriter(Path folder, String cameraId, int quality, int keep, FileDispatch dispatch) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("expected a JPEG quality in 1..100 but was " + quality);
        }
        if (keep < 1) {
            throw new IllegalArgumentException("expected snapshots kept >= 1 but was " + keep);
        }
        this.folder = Objects.requireNonNull(folder, "folder");
        this.cameraId = Objects.requireNonNull(cameraId, "cameraId");
        this.quality = quality;
        this.keep = keep;
        this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
    }

    /**
     * Encodes {@code frame} (8-bit grey, BGR or BGRA; not modified) and writes it.
     *
     * @param reason short tag for the name, e.g. {@code alert4}
     * @return the written file
     * @throws IOException if the frame cannot be encoded or the file cannot be written
     */
    public Path write(Mat frame, Instant at, String reason) throws IOException {
        if (frame == null || frame.isNull() || frame.empty()) {
            throw new IOException("expected a frame to snapshot but it was empty");
        }
        if (!reason.matches("[A-Za-z0-9._-]{1,32}")) {
            throw new IllegalArgumentException("expected a reason of [A-Za-z0-9._-]{1,32} but was " + reason);
        }
        byte[] jpeg = encode(frame);
        Path file = folder.resolve(PREFIX + STAMP.format(at) + "-" + cameraId + "-" + reason + ".jpg");
        AtomicFiles.write(file, jpeg, true);
        LOG.infof("snapshot %s (%dx%d, %d bytes)", file.getFileName(), frame.cols(), frame.rows(), jpeg.length);
        prune();
        dispatch.send(FileKind.SNAPSHOT, file);
        return file;
    }

    private byte[] encode(Mat frame) throws IOException {
        try (BytePointer buffer = new BytePointer();
                IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, quality)) {
            boolean ok;
            try {
                ok = imencode(".jpg", frame, buffer, params);
            } catch (RuntimeException e) {
                throw new IOException(
                        "OpenCV cannot encode a " + frame.cols() + "x" + frame.rows() + " frame of " + frame.channels()
                                + " channels as JPEG: " + e.getMessage(),
                        e);
            }
            if (!ok || buffer.limit() <= 0) {
                throw new IOException(
                        "OpenCV refused to encode a " + frame.cols() + "x" + frame.rows() + " frame as JPEG");
            }
            byte[] bytes = new byte[(int) buffer.limit()];
            buffer.get(bytes);
            return bytes;
        }
    }

    private void prune() {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> snaps = files.filter(p -> p.getFileName().toString().startsWith(PREFIX))
                    .sorted()
                    .toList();
            for (int i = 0; i < snaps.size() - keep; i++) {
                Files.deleteIfExists(snaps.get(i));
            }
        } catch (IOException e) {
            LOG.warnf("cannot prune old snapshots in %s: %s", folder, e.getMessage());
        }
    }
}
