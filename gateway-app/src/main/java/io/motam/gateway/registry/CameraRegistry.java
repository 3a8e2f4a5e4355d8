package io.motam.gateway.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.motam.gateway.storage.JsonListFile;
import io.motam.protocol.message.Identifiers;
import io.motam.protocol.session.Fingerprint;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The cameras this gateway trusts, keyed by the fingerprint of their long-term key, persisted
 * atomically in {@code <data-dir>/cameras.json}. A camera id ({@link Identifiers#ID}) has one key:
 * registering a new key for it removes the old one in the same write.
 */
@ApplicationScoped
public class CameraRegistry {
    private static final Logger LOG = Logger.getLogger(CameraRegistry.class);

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "motam.data-dir")
    Path dataDir;

    /** A key registered for a camera, and the keys of that camera it replaced (removed). */
    public record Registration(AuthorisedCamera camera, List<AuthorisedCamera> replaced) {
        public Registration {
            replaced = List.copyOf(replaced);
        }
    }

    private final Map<String, AuthorisedCamera> byFingerprint = new LinkedHashMap<>();

    @PostConstruct
    void load() {
        file().read(n -> {
            AuthorisedCamera c = new AuthorisedCamera(
                    n.path("id").asText(),
                    n.path("fingerprint").asText(),
                    n.path("address").asText(null),
                    Instant.parse(n.path("pairedAt").asText()),
                    n.hasNonNull("lastSeen") ? Instant.parse(n.get("lastSeen").asText()) : null);
            if (!Identifiers.isId(c.id())) {
                LOG.warnf(
                        "cameras.json: key %s is registered for '%s', which is not a camera id (%s): ignored, it cannot"
                                + " connect",
                        c.fingerprint(), c.id(), Identifiers.ID.pattern());
                return;
            }
            byFingerprint.put(c.fingerprint(), c);
        });
        byFingerprint.values().stream()
                .collect(Collectors.groupingBy(AuthorisedCamera::id, Collectors.counting()))
                .forEach((id, keys) -> {
                    if (keys > 1) {
                        LOG.warnf(
                                "camera %s has %d keys registered (paired again before one key per camera was kept):"
                                        + " all stay valid until it pairs again or is revoked",
                                id, keys);
                    }
                });
        LOG.infof("%d authorised camera(s)", byFingerprint.size());
    }

    public synchronized boolean isAuthorised(Fingerprint fp) {
        return byFingerprint.containsKey(fp.hex());
    }

    public synchronized Optional<AuthorisedCamera> find(Fingerprint fp) {
        return Optional.ofNullable(byFingerprint.get(fp.hex()));
    }

    public synchronized boolean isEmpty() {
        return byFingerprint.isEmpty();
    }

    public synchronized List<AuthorisedCamera> all() {
        return List.copyOf(byFingerprint.values());
    }

    public synchronized Optional<AuthorisedCamera> findById(String cameraId) {
        return byFingerprint.values().stream()
                .filter(c -> c.id().equals(cameraId))
                .findFirst();
    }

    /**
     * Removes every key registered for the camera, persisted atomically before it returns; from
     * then on the camera's key completes no handshake (unless a new offer is open and it pairs
     * again). Returns what was removed.
     */
    public synchronized List<AuthorisedCamera> revoke(String cameraId) {
        List<AuthorisedCamera> removed = byFingerprint.values().stream()
                .filter(c -> c.id().equals(cameraId))
                .toList();
        if (!removed.isEmpty()) {
            removed.forEach(c -> byFingerprint.remove(c.fingerprint()));
            save();
            LOG.infof("camera %s revoked (%d key(s) removed from the registry)", cameraId, removed.size());
        }
        return removed;
    }

    /**
     * Registers {@code fp} as the key of {@code cameraId} and removes every other key registered
     * for that id, persisted atomically in one write before it returns: from then on an old key
     * completes no handshake. The caller audits what was replaced.
     *
     * @throws IllegalArgumentException if {@code cameraId} is not an id ({@link Identifiers#ID})
     */
    public synchronized Registration register(String cameraId, Fingerprint fp, String address, Instant now) {
        Identifiers.requireId(cameraId, "camera id");
        List<AuthorisedCamera> replaced = byFingerprint.values().stream()
                .filter(c -> c.id().equals(cameraId) && !c.fingerprint().equals(fp.hex()))
                .toList();
        replaced.forEach(c -> byFingerprint.remove(c.fingerprint()));
        AuthorisedCamera c = new AuthorisedCamera(cameraId, fp.hex(), address, now, now);
        byFingerprint.put(fp.hex(), c);
        save();
        if (!replaced.isEmpty()) {
            LOG.infof(
                    "camera %s registered with key %s; its old key(s) %s removed",
                    cameraId,
                    fp.hex(),
                    replaced.stream().map(AuthorisedCamera::fingerprint).toList());
        }
        return new Registration(c, replaced);
    }

    public synchronized void seen(Fingerprint fp, Instant now) {
        AuthorisedCamera c = byFingerprint.get(fp.hex());
        if (c != null) {
            byFingerprint.put(fp.hex(), c.seen(now));
            save();
        }
    }

    private void save() {
        file().write(arr -> {
            for (AuthorisedCamera c : byFingerprint.values()) {
                arr.addObject()
                        .put("id", c.id())
                        .put("fingerprint", c.fingerprint())
                        .put("address", c.address())
                        .put("pairedAt", c.pairedAt().toString())
                        .put(
                                "lastSeen",
                                c.lastSeen() == null ? null : c.lastSeen().toString());
            }
        });
    }

    private JsonListFile file() {
        return new JsonListFile(dataDir.resolve("cameras.json"), "cameras", "camera registry", mapper);
    }
}
