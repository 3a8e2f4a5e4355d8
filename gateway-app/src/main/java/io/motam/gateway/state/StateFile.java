package io.motam.gateway.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.motam.domain.CameraMode;
import io.motam.domain.SystemState;
import io.motam.storage.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code <data-dir>/state.json}, replaced atomically on every change. Layout (version 2):
 *
 * <pre>
 * {"version":2, "system":"BLOCKED", "stoppedAll":false,
 *  "cameras":{"cam1":{"state":"BLOCKED","mode":"BLOCKED","alertCount":12,"lastSeen":"…","releaseEpoch":0}}}
 * </pre>
 *
 * {@code system} is written for people and derived again on reading; links are not kept (every
 * camera is disconnected at start). The one-camera form written before (no {@code version}:
 * {@code system}, {@code camera}, {@code mode}, {@code alertCount}, {@code lastSeen},
 * {@code releaseEpochs}, {@code blockedCameras}) is read once and migrated: every camera named in
 * it becomes an entry, BLOCKED if it was in {@code blockedCameras} (or, with none listed, the
 * camera of a BLOCKED system), and a STOPPED system becomes {@code stoppedAll}. A BLOCKED file
 * that names no camera cannot be migrated without opening the system, so it is refused.
 */
final class StateFile {
    static final int VERSION = 2;

    /** A state read from disk, and whether it came from the one-camera form (to be written again). */
    record Loaded(SystemStatus status, boolean migrated) {}

    private final ObjectMapper mapper;
    private final Path file;

    StateFile(ObjectMapper mapper, Path file) {
        this.mapper = mapper;
        this.file = file;
    }

    Path path() {
        return file;
    }

    /**
     * Reads the file; empty when there is none.
     *
     * @throws IllegalStateException when it is unreadable (a blocked system must not open by accident)
     */
    Optional<Loaded> read(Instant now) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode n = mapper.readTree(Files.readAllBytes(file));
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("expected a JSON object");
            }
            if (!n.has("version")) {
                return Optional.of(new Loaded(migrate(n, now), true));
            }
            int version = n.get("version").asInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("expected version " + VERSION + " but was " + version);
            }
            Map<String, CameraStatus> cameras = new TreeMap<>();
            n.path("cameras").fields().forEachRemaining(f -> {
                JsonNode c = f.getValue();
                cameras.put(
                        f.getKey(),
                        new CameraStatus(
                                f.getKey(),
                                SystemState.valueOf(c.path("state").asText()),
                                false,
                                mode(c.get("mode")),
                                c.path("alertCount").asInt(0),
                                instant(c.get("lastSeen")),
                                c.path("releaseEpoch").asLong(0)));
            });
            return Optional.of(new Loaded(SystemStatus.of(n.path("stoppedAll").asBoolean(false), cameras, now), false));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "state file " + file + " is unreadable; fix or remove it: " + e.getMessage(), e);
        }
    }

    private static SystemStatus migrate(JsonNode n, Instant now) {
        SystemState system = SystemState.valueOf(n.path("system").asText("RUNNING"));
        String camera = n.hasNonNull("camera") ? n.get("camera").asText() : null;
        Map<String, Long> epochs = new TreeMap<>();
        n.path("releaseEpochs")
                .fields()
                .forEachRemaining(f -> epochs.put(f.getKey(), f.getValue().asLong()));
        Set<String> blocked = new TreeSet<>();
        n.path("blockedCameras").forEach(id -> blocked.add(id.asText()));
        if (system == SystemState.BLOCKED && blocked.isEmpty()) {
            if (camera == null) {
                throw new IllegalArgumentException("the one-camera form says BLOCKED but names no camera");
            }
            blocked.add(camera);
        }
        Set<String> ids = new TreeSet<>(epochs.keySet());
        ids.addAll(blocked);
        if (camera != null) {
            ids.add(camera);
        }
        boolean stoppedAll = system == SystemState.STOPPED;
        Map<String, CameraStatus> cameras = new TreeMap<>();
        for (String id : ids) {
            SystemState state =
                    blocked.contains(id) ? SystemState.BLOCKED : stoppedAll ? SystemState.STOPPED : SystemState.RUNNING;
            boolean reported = id.equals(camera);
            cameras.put(
                    id,
                    new CameraStatus(
                            id,
                            state,
                            false,
                            reported ? mode(n.get("mode")) : null,
                            reported ? n.path("alertCount").asInt(0) : 0,
                            reported ? instant(n.get("lastSeen")) : null,
                            epochs.getOrDefault(id, 0L)));
        }
        return SystemStatus.of(stoppedAll, cameras, now);
    }

    void write(SystemStatus s) throws IOException {
        ObjectNode n = mapper.createObjectNode();
        n.put("version", VERSION);
        n.put("system", s.system().name());
        n.put("stoppedAll", s.stoppedAll());
        ObjectNode cams = n.putObject("cameras");
        for (CameraStatus c : s.cameras().values()) {
            cams.putObject(c.id())
                    .put("state", c.state().name())
                    .put("mode", c.mode() == null ? null : c.mode().name())
                    .put("alertCount", c.alertCount())
                    .put("lastSeen", c.lastSeen() == null ? null : c.lastSeen().toString())
                    .put("releaseEpoch", c.releaseEpoch());
        }
        AtomicFiles.write(file, mapper.writeValueAsBytes(n), false);
    }

    private static CameraMode mode(JsonNode n) {
        return n == null || n.isNull() ? null : CameraMode.valueOf(n.asText());
    }

    private static Instant instant(JsonNode n) {
        return n == null || n.isNull() ? null : Instant.parse(n.asText());
    }
}
