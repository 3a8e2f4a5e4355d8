package io.motam.gateway.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.motam.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A small owner-only JSON document {@code {"<field>": [ {...}, ... ]}} that is read whole at
 * start and replaced atomically on every change (the camera registry, the block list).
 */
public final class JsonListFile {
    private final Path file;
    private final String field;
    private final String what;
    private final ObjectMapper mapper;

    /** @param what how errors name the file ("camera registry", "block list") */
    public JsonListFile(Path file, String field, String what, ObjectMapper mapper) {
        this.file = file;
        this.field = field;
        this.what = what;
        this.mapper = mapper;
    }

    /**
     * Hands every entry, in order, to {@code entry}; nothing when the file does not exist.
     *
     * @throws IllegalStateException when the file, or an entry ({@code entry} throwing), is unreadable
     */
    public void read(Consumer<JsonNode> entry) {
        if (!Files.exists(file)) {
            return;
        }
        try {
            for (JsonNode n : mapper.readTree(Files.readAllBytes(file)).path(field)) {
                entry.accept(n);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(what + " " + file + " is unreadable: " + e.getMessage(), e);
        }
    }

    /** Replaces the file with the entries {@code fill} adds to the array. */
    public void write(Consumer<ArrayNode> fill) {
        ObjectNode root = mapper.createObjectNode();
        fill.accept(root.putArray(field));
        try {
            AtomicFiles.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the " + what + " " + file, e);
        }
    }
}
