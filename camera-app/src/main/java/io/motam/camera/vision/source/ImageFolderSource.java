package io.motam.camera.vision.source;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.jboss.logging.Logger;

/**
 * Plays the images of one folder ({@code *.jpg}, {@code *.jpeg}, {@code *.png}, any case, not
 * recursive) in file-name order.
 *
 * <p>The image at position {@code i} of the sorted listing gets timestamp {@code i * interval}, so
 * a skipped (unreadable) image leaves a gap in media time. Unreadable images are logged and
 * skipped, never fatal.
 */
public final class ImageFolderSource implements FrameSource {

    private static final Logger LOG = Logger.getLogger(ImageFolderSource.class);
    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png");

    private final Path folder;
    private final List<Path> images;
    private final long intervalMicros;
    private int cursor;
    private boolean closed;

    private ImageFolderSource(Path folder, List<Path> images, long intervalMicros) {
        this.folder = folder;
        this.images = images;
        this.intervalMicros = intervalMicros;
    }

    /**
     * Lists the folder's images.
     *
     * @param intervalMicros media time between two images, positive
     * @throws FrameSourceException if the folder is missing, unreadable or holds no image
     */
    public static ImageFolderSource open(Path folder, long intervalMicros) throws FrameSourceException {
        if (intervalMicros <= 0) {
            throw new IllegalArgumentException("expected interval > 0 but was " + intervalMicros);
        }
        List<Path> images = listImages(folder);
        if (images.isEmpty()) {
            throw new FrameSourceException("no *.jpg, *.jpeg or *.png images in folder " + folder);
        }
        LOG.infof("Opened image folder %s: %d images", folder, images.size());
        return new ImageFolderSource(folder, images, intervalMicros);
    }

    /** The images this source plays, sorted by file name. */
    static List<Path> listImages(Path folder) throws FrameSourceException {
        if (!Files.isDirectory(folder)) {
            throw new FrameSourceException("image folder not found: " + folder);
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile)
                    .filter(ImageFolderSource::hasImageExtension)
                    .sorted()
                    .toList();
        } catch (IOException | RuntimeException e) {
            throw new FrameSourceException("cannot list image folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private static boolean hasImageExtension(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    @Override
    public Optional<CapturedFrame> next() {
        if (closed) {
            throw new IllegalStateException("expected an open source but " + folder + " is closed");
        }
        while (cursor < images.size()) {
            int index = cursor++;
            Path image = images.get(index);
            Mat bgr = imread(image.toString(), IMREAD_COLOR);
            if (bgr == null || bgr.isNull() || bgr.empty()) {
                if (bgr != null) {
                    bgr.close();
                }
                LOG.warnf("Skipping unreadable image %s", image);
                continue;
            }
            return Optional.of(new CapturedFrame(bgr, index * intervalMicros, image.toString()));
        }
        return Optional.empty();
    }

    @Override
    public long frameIntervalMicros() {
        return intervalMicros;
    }

    @Override
    public String name() {
        return folder.toString();
    }

    @Override
    public void close() {
        closed = true;
    }
}
