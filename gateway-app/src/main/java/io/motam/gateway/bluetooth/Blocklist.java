package io.motam.gateway.bluetooth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.motam.gateway.config.LinkConfig;
import io.motam.gateway.storage.JsonListFile;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Device addresses thrown out and held blocked on the adapter, persisted atomically in
 * {@code <data-dir>/blocked.json} so that a new pairing offer can lift every block, also after a
 * restart. Holds at most {@code motam.link.bluetooth.max-blocked} entries: beyond that the
 * oldest is forgotten (a log line says which; the adapter keeps it blocked, and a pairing offer
 * no longer lifts it).
 */
@ApplicationScoped
public class Blocklist {
    private static final Logger LOG = Logger.getLogger(Blocklist.class);

    /** One blocked device. */
    public record Blocked(String address, String cameraId, String fingerprint, Instant at, String reason) {}

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "motam.data-dir")
    Path dataDir;

    @Inject
    LinkConfig link;

    private final Map<String, Blocked> byAddress = new LinkedHashMap<>();

    @PostConstruct
    void load() {
        file().read(n -> {
            Blocked b = new Blocked(
                    n.path("address").asText(),
                    n.path("camera").asText(null),
                    n.path("fingerprint").asText(null),
                    Instant.parse(n.path("at").asText()),
                    n.path("reason").asText(null));
            byAddress.put(b.address(), b);
        });
        if (!trim().isEmpty()) {
            save();
        }
    }

    /**
     * Remembers a block (a device blocked again moves to the newest place), persisted before it
     * returns; returns the oldest entries forgotten to stay within the bound.
     */
    public synchronized List<Blocked> add(Blocked b) {
        byAddress.remove(b.address());
        byAddress.put(b.address(), b);
        List<Blocked> forgotten = trim();
        save();
        return forgotten;
    }

    private List<Blocked> trim() {
        int max = link.bluetooth().maxBlocked();
        if (max < 1) {
            throw new IllegalStateException("motam.link.bluetooth.max-blocked must be at least 1 but was " + max);
        }
        List<Blocked> forgotten = new ArrayList<>();
        for (Iterator<Blocked> oldest = byAddress.values().iterator(); byAddress.size() > max; ) {
            Blocked b = oldest.next();
            oldest.remove();
            forgotten.add(b);
            LOG.warnf(
                    "block list full (%d): forgetting the oldest block, address=%s camera=%s blocked at %s; the adapter"
                            + " keeps it blocked, a pairing offer no longer lifts it (bluetoothctl unblock does)",
                    max, b.address(), b.cameraId(), b.at());
        }
        return forgotten;
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
                arr.addObject()
                        .put("address", b.address())
                        .put("camera", b.cameraId())
                        .put("fingerprint", b.fingerprint())
                        .put("at", b.at().toString())
                        .put("reason", b.reason());
            }
        });
    }

    private JsonListFile file() {
        return new JsonListFile(dataDir.resolve("blocked.json"), "blocked", "block list", mapper);
    }
}
