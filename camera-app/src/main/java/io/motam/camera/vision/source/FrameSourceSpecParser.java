package io.motam.camera.vision.source;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Parses the grammar documented on {@link FrameSourceSpec}. */
final class FrameSourceSpecParser {

    private static final Pattern INDEX = Pattern.compile("\\d{1,9}");
    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://\\S+");
    /** Longest command accepted, in characters. */
    static final int MAX_COMMAND_CHARS = 4096;

    private FrameSourceSpecParser() {}

    static FrameSourceSpec parse(String spec) throws FrameSourceException {
        if (spec == null || spec.isBlank()) {
            throw new FrameSourceException("expected a frame source spec but was blank");
        }
        String whole = spec.strip();
        if (whole.startsWith(FrameSourceSpec.STREAM_PREFIX)) {
            String url = whole.substring(FrameSourceSpec.STREAM_PREFIX.length()).strip();
            if (!URL.matcher(url).matches()) {
                throw new FrameSourceException(
                        "expected a URL such as tcp://127.0.0.1:8888 after \"stream:\" but was \"" + url + "\"");
            }
            return new FrameSourceSpec.Stream(url);
        }
        if (whole.startsWith(FrameSourceSpec.COMMAND_PREFIX)) {
            return new FrameSourceSpec.Command(words(whole.substring(FrameSourceSpec.COMMAND_PREFIX.length())));
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
            String device =
                    item.substring(FrameSourceSpec.DEVICE_PREFIX.length()).strip();
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

    /** Splits a command into words at spaces; '…' and "…" quote a word's spaces. */
    static List<String> words(String command) throws FrameSourceException {
        if (command.length() > MAX_COMMAND_CHARS) {
            throw new FrameSourceException(
                    "expected a command of at most " + MAX_COMMAND_CHARS + " characters but was " + command.length());
        }
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new FrameSourceException("unclosed " + quote + " in command \"" + command.strip() + "\"");
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new FrameSourceException("expected a program after \"command:\" but was empty");
        }
        return words;
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
