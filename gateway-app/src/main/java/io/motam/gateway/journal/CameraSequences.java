package io.motam.gateway.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.motam.storage.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The highest event sequence number journaled per camera, so that duplicates are recognised on
 * the camera link even after the segments holding them are compacted away. Kept in memory and
 * recorded in {@code sequences.json} ({@code {"through": <journal index>, "cameras": {id: seq}}})
 * whenever segments are sealed or deleted. Not thread-safe: the journal's lock guards it.
 */
final class CameraSequences {
    private static final Logger LOG = Logger.getLogger(CameraSequences.class);
    static final String FILE = "sequences.json";

    private final Path file;
    private final ObjectMapper mapper;
    private final Map<String, Long> lastByCamera = new HashMap<>();
    private long recordedThrough;

    CameraSequences(Path dir, ObjectMapper mapper) {
        this.file = dir.resolve(FILE);
        this.mapper = mapper;
    }

    /** Reads the record; an unreadable one counts as none (every segment is replayed instead). */
    void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            JsonNode n = mapper.readTree(Files.readAllBytes(file));
            recordedThrough = n.path("through").asLong(0);
            n.path("cameras")
                    .fields()
                    .forEachRemaining(c -> remember(c.getKey(), c.getValue().asLong(0)));
        } catch (IOException e) {
            // slower, still right while the segments exist
            LOG.warnf("journal: %s unreadable (%s); replaying all segments", file, e.getMessage());
            recordedThrough = 0;
        }
    }

    /** The journal index up to which the record is complete. */
    long recordedThrough() {
        return recordedThrough;
    }

    void remember(String cameraId, long seq) {
        if (seq > 0) {
            lastByCamera.merge(cameraId, seq, Math::max);
        }
    }

    long last(String cameraId) {
        return lastByCamera.getOrDefault(cameraId, 0L);
    }

    /** Records everything seen up to journal index {@code through}. */
    void record(long through) throws IOException {
        ObjectNode n = mapper.createObjectNode();
        n.put("through", through);
        ObjectNode cams = n.putObject("cameras");
        lastByCamera.forEach(cams::put);
        AtomicFiles.write(file, mapper.writeValueAsBytes(n), false);
        recordedThrough = through;
    }
}
