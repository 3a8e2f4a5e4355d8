package io.motam.camera.vision;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Parses the grammar documented on {@link FrameSourceSpec}. */
final class FrameSourceSpecParser {

    private static final Pattern INDEX = Pattern.compile("\\d{1,9}");

    private FrameSourceSpecParser() {
    }

    static FrameSourceSpec parse(String spec) throws FrameSourceException {
        if (spec == null || spec.isBlank()) {
            throw new FrameSourceException("expected a frame source spec but was blank");
        }
        if (!spec.contains(",")) {
            return parseItem(spec.strip());
        }
        List<FrameSourceSpec> items = new ArrayList<>();
        for (String part : spec.split(",", -1)) {
            if (part.isBlank()) {
                throw new FrameSourceException("empty item in frame source list \"" + spec + "\"");
            }
            items.add(parseItem(part.strip()));
        }
        return new FrameSourceSpec.Playlist(items);
    }

    private static FrameSourceSpec parseItem(String item) throws FrameSourceException {
        if (item.startsWith(FrameSourceSpec.DEVICE_PREFIX)) {
            String device = item.substring(FrameSourceSpec.DEVICE_PREFIX.length()).strip();
            if (INDEX.matcher(device).matches()) {
                return new FrameSourceSpec.DeviceIndex(Integer.parseInt(device));
            }
            Path node = toPath(device, item);
            if (!Files.exists(node)) {
                throw new FrameSourceException("camera device not found: " + node);
            }
            return new FrameSourceSpec.DevicePath(node);
        }
        Path path = toPath(item, item);
        if (Files.isDirectory(path)) {
            if (ImageFolderSource.listImages(path).isEmpty()) {
                throw new FrameSourceException("no *.jpg, *.jpeg or *.png images in folder " + path);
            }
            return new FrameSourceSpec.Folder(path);
        }
        if (Files.isRegularFile(path)) {
            return new FrameSourceSpec.VideoFile(path);
        }
        throw new FrameSourceException("no such video file or image folder: " + path);
    }

    private static Path toPath(String text, String item) throws FrameSourceException {
        if (text.isEmpty()) {
            throw new FrameSourceException("expected a path in frame source \"" + item + "\" but was empty");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new FrameSourceException("invalid path in frame source \"" + item + "\": " + e.getMessage(), e);
        }
    }
}
