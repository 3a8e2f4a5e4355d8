package io.motam.gateway.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.motam.storage.AtomicFiles;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Device addresses thrown out and held blocked on the adapter, persisted atomically in
 * {@code <data-dir>/blocked.json} so that a new pairing offer can lift every block, also after a
 * restart.
 */
@ApplicationScoped
public class Blocklist {

    /** One blocked device. */
    public record Blocked(String address, String cameraId, String fingerprint, Instant at, String reason) {
    }

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "motam.data-dir")
    Path dataDir;

    private final Map<String, Blocked> byAddress = new LinkedHashMap<>();

    @PostConstruct
    void load() {
        Path file = file();
        if (!Files.exists(file)) {
            return;
        }
        try {
            JsonNode root = mapper.readTree(Files.readAllBytes(file));
            for (JsonNode n : root.path("blocked")) {
                Blocked b = new Blocked(n.path("address").asText(), n.path("camera").asText(null),
                        n.path("fingerprint").asText(null), Instant.parse(n.path("at").asText()),
                        n.path("reason").asText(null));
                byAddress.put(b.address(), b);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("block list " + file + " is unreadable: " + e.getMessage(), e);
        }
    }

    public synchronized void add(Blocked b) {
        byAddress.put(b.address(), b);
        save();
    }

    public synchronized void remove(String address) {
        if (byAddress.remove(address) != null) {
            save();
        }
    }

    public synchronized List<Blocked> all() {
        return List.copyOf(byAddress.values());
    }

    public synchronized boolean contains(String address) {
        return byAddress.containsKey(address);
    }

    private void save() {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode arr = root.putArray("blocked");
        for (Blocked b : byAddress.values()) {
            arr.addObject().put("address", b.address()).put("camera", b.cameraId()).put("fingerprint", b.fingerprint())
                    .put("at", b.at().toString()).put("reason", b.reason());
        }
        try {
            AtomicFiles.write(file(), mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the block list " + file(), e);
        }
    }

    private Path file() {
        return dataDir.resolve("blocked.json");
    }
}
