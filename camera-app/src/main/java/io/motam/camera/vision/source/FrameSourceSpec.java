package io.motam.camera.vision.source;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A parsed frame-source specification (the {@code motam.camera.source} string).
 *
 * <pre>
 *   spec      = "stream:" url               ; {@link Stream}, the whole spec (commas allowed)
 *             / "command:" command          ; {@link Command}, the whole spec (commas allowed)
 *             / item *( "," item )          ; two or more items: a {@link Playlist}
 *   item      = "device:" ( index / path )  ; {@link DeviceIndex} or {@link DevicePath}
 *             / path                        ; a folder: {@link Folder}; a file: {@link VideoFile}
 *   index     = 1*9DIGIT                    ; OpenCV camera index
 *   url       = scheme "://" 1*CHAR         ; any URL FFmpeg reads: tcp, udp, rtsp, http …
 *   command   = word *( 1*SP word )         ; program and arguments, no shell; a word may be
 *                                           ; quoted with '…' or "…" to hold spaces
 * </pre>
 *
 * Paths therefore cannot contain commas. Parsing checks that every path exists (and that a folder
 * holds images) so a bad playlist fails at start, not half-way through. Devices, streams and
 * commands are {@linkplain #live() live}: when they fail or end, the camera reopens them.
 */
public sealed interface FrameSourceSpec {

    /** Prefix of camera specs. */
    String DEVICE_PREFIX = "device:";
    /** Prefix of network stream specs. */
    String STREAM_PREFIX = "stream:";
    /** Prefix of command specs. */
    String COMMAND_PREFIX = "command:";

    /** True for a camera, stream or command: it has no end, and a failure or an end is retried. */
    default boolean live() {
        return false;
    }

    /** Opens the source described by this spec. */
    FrameSource open(FrameSourceSettings options) throws FrameSourceException;

    /** The spec as it would be written in the configuration. */
    String describe();

    /** A V4L2 device node, read through FFmpeg. */
    record DevicePath(Path device) implements FrameSourceSpec {
        public DevicePath {
            Objects.requireNonNull(device, "device");
        }

        @Override
        public FrameSource open(FrameSourceSettings options) throws FrameSourceException {
            return CameraDeviceSource.openPath(device, options);
        }

        @Override
        public boolean live() {
            return true;
        }

        @Override
        public String describe() {
            return DEVICE_PREFIX + device;
        }
    }

    /** An OpenCV camera index. */
    record DeviceIndex(int index) implements FrameSourceSpec {
        public DeviceIndex {
            if (index < 0) {
                throw new IllegalArgumentException("expected index >= 0 but was " + index);
            }
        }

        @Override
        public FrameSource open(FrameSourceSettings options) throws FrameSourceException {
            return CameraDeviceSource.openIndex(index, options);
        }

        @Override
        public boolean live() {
            return true;
        }

        @Override
        public String describe() {
            return DEVICE_PREFIX + index;
        }
    }

    /** A network stream read by FFmpeg ({@link StreamSource}). */
    record Stream(String url) implements FrameSourceSpec {
        public Stream {
            Objects.requireNonNull(url, "url");
        }

        @Override
        public FrameSource open(FrameSourceSettings options) throws FrameSourceException {
            return StreamSource.open(url);
        }

        @Override
        public boolean live() {
            return true;
        }

        @Override
        public String describe() {
            return STREAM_PREFIX + url;
        }
    }

    /** A program whose standard output is video ({@link CommandSource}). */
    record Command(List<String> argv) implements FrameSourceSpec {
        public Command {
            argv = List.copyOf(argv);
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("expected a program but the command was empty");
            }
        }

        @Override
        public FrameSource open(FrameSourceSettings options) throws FrameSourceException {
            return CommandSource.open(argv);
        }

        @Override
        public boolean live() {
            return true;
        }

        @Override
        public String describe() {
            return COMMAND_PREFIX + String.join(" ", argv);
        }
    }

    /** A folder of still images. */
    record Folder(Path folder) implements FrameSourceSpec {
        public Folder {
            Objects.requireNonNull(folder, "folder");
        }

        @Override
        public FrameSource open(FrameSourceSettings options) throws FrameSourceException {
            return ImageFolderSource.open(folder, options.folderFrameIntervalMicros());
        }

        @Override
        public String describe() {
            return folder.toString();
        }
    }

    /** A video file. */
    record VideoFile(Path file) implements FrameSourceSpec {
        public VideoFile {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public FrameSource open(FrameSourceSettings options) throws FrameSourceException {
            return VideoFileSource.open(file);
        }

        @Override
        public String describe() {
            return file.toString();
        }
    }

    /** Several single sources played one after the other. */
    record Playlist(List<FrameSourceSpec> items) implements FrameSourceSpec {
        public Playlist {
            items = List.copyOf(items);
            if (items.size() < 2) {
                throw new IllegalArgumentException("expected at least 2 playlist items but was " + items.size());
            }
            if (items.stream().anyMatch(Playlist.class::isInstance)) {
                throw new IllegalArgumentException("expected single sources in a playlist but found a nested playlist");
            }
        }

        @Override
        public FrameSource open(FrameSourceSettings options) throws FrameSourceException {
            return PlaylistSource.open(items, options);
        }

        @Override
        public boolean live() {
            return items.stream().anyMatch(FrameSourceSpec::live);
        }

        @Override
        public String describe() {
            return items.stream().map(FrameSourceSpec::describe).collect(Collectors.joining(","));
        }
    }

    /**
     * Parses a spec string.
     *
     * @throws FrameSourceException if the spec is blank or names a missing path, an empty folder
     *                              or a missing device node
     */
    static FrameSourceSpec parse(String spec) throws FrameSourceException {
        return FrameSourceSpecParser.parse(spec);
    }
}
