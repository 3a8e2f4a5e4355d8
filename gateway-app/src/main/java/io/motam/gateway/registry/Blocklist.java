package io.motam.gateway.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.motam.gateway.storage.JsonListFile;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
        file().read(n -> {
            Blocked b = new Blocked(n.path("address").asText(), n.path("camera").asText(null),
                    n.path("fingerprint").asText(null), Instant.parse(n.path("at").asText()), n.path("reason").asText(null));
            byAddress.put(b.address(), b);
        });
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
        file().write(arr -> {
            for (Blocked b : byAddress.values()) {
                arr.addObject().put("address", b.address()).put("camera", b.cameraId()).put("fingerprint", b.fingerprint())
                        .put("at", b.at().toString()).put("reason", b.reason());
            }
        });
    }

    private JsonListFile file() {
        return new JsonListFile(dataDir.resolve("blocked.json"), "blocked", "block list", mapper);
    }
}
