package io.motam.gateway.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.motam.gateway.storage.JsonLinesFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

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
 */
public final class AuditLog implements AutoCloseable {
    /** Entries kept in memory for display. */
    public static final int RECENT = 50;

    private final ObjectMapper mapper;
    private final JsonLinesFile file;
    private final Clock clock;
    private final Deque<AuditEntry> recent = new ArrayDeque<>();
    private long last;

    private AuditLog(ObjectMapper mapper, JsonLinesFile file, Clock clock) {
        this.mapper = mapper;
        this.file = file;
        this.clock = clock;
    }

    /** Opens (or creates) the audit log and replays it. */
    public static AuditLog open(Path file, ObjectMapper mapper, Clock clock) throws IOException {
        List<ObjectNode> tail = new ArrayList<>();
        long[] lastN = {0};
        JsonLinesFile lines = JsonLinesFile.open(file, mapper, true, n -> {
            lastN[0] = Math.max(lastN[0], n.path("n").asLong());
            tail.add(n);
            if (tail.size() > RECENT) {
                tail.remove(0);
            }
        });
        AuditLog log = new AuditLog(mapper, lines, clock);
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
    public synchronized AuditEntry append(String action, String cameraId, String fingerprint, String address,
            String reason) {
        AuditEntry e = new AuditEntry(last + 1, clock.instant(), action, cameraId, fingerprint, address, reason);
        try {
            file.append(toJson(e));
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot append to the audit log " + file.path(), ex);
        }
        last = e.n();
        remember(e);
        return e;
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
        n.put("n", e.n()).put("ts", e.at().toString()).put("action", e.action()).put("camera", e.cameraId())
                .put("fingerprint", e.fingerprint()).put("address", e.address()).put("reason", e.reason());
        return n;
    }

    private static AuditEntry fromJson(ObjectNode n) {
        return new AuditEntry(n.path("n").asLong(), Instant.parse(n.path("ts").asText()), n.path("action").asText(),
                text(n, "camera"), text(n, "fingerprint"), text(n, "address"), text(n, "reason"));
    }

    private static String text(ObjectNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    @Override
    public void close() {
        file.close();
    }
}
