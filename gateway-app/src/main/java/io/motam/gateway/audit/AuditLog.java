package io.motam.gateway.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.motam.gateway.storage.JsonLinesFile;
import io.motam.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The gateway's audit trail: {@code <data-dir>/audit.jsonl}, append-only JSON lines, each fsync'd
 * before {@link #append} returns, owner-only. A torn last line (power cut mid-write) is cut at
 * the next open; numbering continues from the last good line.
 *
 * <pre>
 * {"n":7,"ts":"2026-11-23T10:15:30.123Z","action":"DENIED","camera":"cam2","fingerprint":"ab12…","address":"AA:BB:…","reason":"pairing wrong proof"}
 * </pre>
 *
 * <p>The last {@value #RECENT} entries are also kept in memory for the status page.
 *
 * <p>Bounded by {@link Rotation}: once the live file reaches {@code fileSize} after an append it
 * becomes {@code audit.1.jsonl} (the older ones move up to {@code audit.2.jsonl} ..., the one
 * past {@code keep} is deleted) and a new live file starts; numbering continues across files.
 * Each step is a rename, so a crash in between loses at most the oldest file early.
 */
public final class AuditLog implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    /** Entries kept in memory for display. */
    public static final int RECENT = 50;

    /** The live file is rotated once it holds {@code fileSize} bytes; {@code keep} rotated files stay. */
    public record Rotation(long fileSize, int keep) {
        public static final Rotation DEFAULT = new Rotation(4L << 20, 8);

        public Rotation {
            if (fileSize < 2L * JsonLinesFile.MAX_LINE || keep < 1) {
                throw new IllegalArgumentException("expected a rotation size of at least " + 2L * JsonLinesFile.MAX_LINE
                        + " bytes and at least 1 kept file but was " + fileSize + " bytes, " + keep + " files");
            }
        }
    }

    private final ObjectMapper mapper;
    private final Path live;
    private final Rotation rotation;
    private JsonLinesFile file;
    private final Clock clock;
    private final Deque<AuditEntry> recent = new ArrayDeque<>();
    private long last;

    private AuditLog(ObjectMapper mapper, Path live, Rotation rotation, JsonLinesFile file, Clock clock) {
        this.mapper = mapper;
        this.live = live;
        this.rotation = rotation;
        this.file = file;
        this.clock = clock;
    }

    /** Opens (or creates) the audit log, rotated at the default {@link Rotation}, and replays it. */
    public static AuditLog open(Path file, ObjectMapper mapper, Clock clock) throws IOException {
        return open(file, mapper, clock, Rotation.DEFAULT);
    }

    /**
     * Opens (or creates) the audit log and replays it; when the live file holds fewer than
     * {@link #RECENT} entries, the newest rotated file too (for the numbering and the display).
     */
    public static AuditLog open(Path file, ObjectMapper mapper, Clock clock, Rotation rotation) throws IOException {
        Deque<ObjectNode> tail = new ArrayDeque<>();
        long[] lastN = {0};
        Consumer<ObjectNode> replay = n -> {
            lastN[0] = Math.max(lastN[0], n.path("n").asLong());
            tail.addLast(n);
            if (tail.size() > RECENT) {
                tail.removeFirst();
            }
        };
        Path live = file.toAbsolutePath();
        JsonLinesFile lines = JsonLinesFile.open(live, mapper, true, replay);
        if (tail.size() < RECENT && Files.exists(rotated(live, 1))) {
            // rotated not long ago: the numbering and the recent entries go on from the newest rotated file
            List<ObjectNode> newer = new ArrayList<>(tail);
            tail.clear();
            try {
                JsonLinesFile.read(rotated(live, 1), mapper, replay);
            } catch (IOException | RuntimeException e) {
                lines.close();
                throw e;
            }
            newer.forEach(replay);
        }
        AuditLog log = new AuditLog(mapper, live, rotation, lines, clock);
        log.last = lastN[0];
        for (ObjectNode n : tail) {
            try {
                log.remember(fromJson(n));
            } catch (RuntimeException malformed) {
                // an old line this version cannot read stays on disk; it is just not shown
            }
        }
        return log;
    }

    /** Appends and fsyncs one entry; throws if it could not be made durable. */
    public synchronized AuditEntry append(
            String action, String cameraId, String fingerprint, String address, String reason) {
        AuditEntry e = new AuditEntry(last + 1, clock.instant(), action, cameraId, fingerprint, address, reason);
        try {
            file.append(toJson(e));
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot append to the audit log " + file.path(), ex);
        }
        last = e.n();
        remember(e);
        if (file.size() >= rotation.fileSize()) {
            rotate();
        }
        return e;
    }

    /** The path of the {@code i}-th rotated file: {@code audit.jsonl} -> {@code audit.<i>.jsonl}. */
    static Path rotated(Path live, int i) {
        String name = live.getFileName().toString();
        String base = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        return live.resolveSibling(base + "." + i + ".jsonl");
    }

    private void rotate() {
        file.close();
        try {
            Files.deleteIfExists(rotated(live, rotation.keep()));
            for (int i = rotation.keep() - 1; i >= 1; i--) {
                if (Files.exists(rotated(live, i))) {
                    Files.move(rotated(live, i), rotated(live, i + 1), StandardCopyOption.ATOMIC_MOVE);
                }
            }
            Files.move(live, rotated(live, 1), StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.syncDirectory(live.getParent());
            LOG.infof("audit log %s rotated after entry %d", live, last);
        } catch (IOException e) {
            LOG.errorf("audit log %s: rotation failed (%s); appending to the live file as it is", live, e.getMessage());
        }
        try {
            file = JsonLinesFile.open(live, mapper, true, n -> {});
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reopen the audit log " + live + " after rotating it", e);
        }
    }

    /** The most recent entries, newest last. */
    public synchronized List<AuditEntry> recent() {
        return List.copyOf(recent);
    }

    public synchronized long lastIndex() {
        return last;
    }

    public Path path() {
        return file.path();
    }

    private void remember(AuditEntry e) {
        recent.addLast(e);
        while (recent.size() > RECENT) {
            recent.removeFirst();
        }
    }

    private ObjectNode toJson(AuditEntry e) {
        ObjectNode n = mapper.createObjectNode();
        n.put("n", e.n())
                .put("ts", e.at().toString())
                .put("action", e.action())
                .put("camera", e.cameraId())
                .put("fingerprint", e.fingerprint())
                .put("address", e.address())
                .put("reason", e.reason());
        return n;
    }

    private static AuditEntry fromJson(ObjectNode n) {
        return new AuditEntry(
                n.path("n").asLong(),
                Instant.parse(n.path("ts").asText()),
                n.path("action").asText(),
                text(n, "camera"),
                text(n, "fingerprint"),
                text(n, "address"),
                text(n, "reason"));
    }

    private static String text(ObjectNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    @Override
    public void close() {
        file.close();
    }
}
