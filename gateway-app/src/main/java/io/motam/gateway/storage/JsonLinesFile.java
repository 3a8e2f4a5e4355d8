package io.motam.gateway.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.motam.storage.LineFile;
import io.motam.storage.LineScan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@link LineFile} of JSON objects, one per line (the audit log, the backup index): each line
 * fsync'd before {@link #append} returns, a torn or corrupt tail cut at open, a damaged line with
 * good ones after it skipped and logged.
 */
public final class JsonLinesFile implements AutoCloseable {
    /** Longest line accepted; a longer one read back is not a record, a longer one written is refused. */
    public static final int MAX_LINE = 64 * 1024;

    private final ObjectMapper mapper;
    private final LineFile<ObjectNode> lines;

    private JsonLinesFile(ObjectMapper mapper, LineFile<ObjectNode> lines) {
        this.mapper = mapper;
        this.lines = lines;
    }

    /**
     * Opens (or creates, owner-only when asked) the file, cuts a torn tail and hands every good
     * line, in order, to {@code replay}.
     */
    public static JsonLinesFile open(Path file, ObjectMapper mapper, boolean ownerOnly, Consumer<ObjectNode> replay)
            throws IOException {
        return new JsonLinesFile(mapper, LineFile.open(file, ownerOnly, MAX_LINE, parser(mapper), replay));
    }

    /**
     * Hands every good line of a file that is no longer written (a rotated one), in order, to
     * {@code replay}, without changing it; returns how many there were.
     */
    public static long read(Path file, ObjectMapper mapper, Consumer<ObjectNode> replay) throws IOException {
        return LineFile.read(file, MAX_LINE, parser(mapper), replay);
    }

    private static LineScan.Parser<ObjectNode> parser(ObjectMapper mapper) {
        return (all, from, length) -> {
            try {
                return mapper.readTree(all, from, length) instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        };
    }

    /**
     * Appends one object as a line and fsyncs it.
     *
     * @throws IllegalArgumentException when the object's JSON is over {@value #MAX_LINE} bytes
     * @throws IOException when the line could not be written; the file then ends after the line before
     */
    public void append(ObjectNode record) throws IOException {
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("record cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        lines.append(json);
    }

    /** Lines in the file (recovered plus appended). */
    public long lineCount() {
        return lines.lineCount();
    }

    public Path path() {
        return lines.path();
    }

    /** Bytes in the file. */
    public long size() {
        return lines.size();
    }

    @Override
    public void close() {
        try {
            lines.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
