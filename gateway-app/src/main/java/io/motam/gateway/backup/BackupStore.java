package io.motam.gateway.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.motam.domain.FileKind;
import io.motam.gateway.storage.JsonLinesFile;
import io.motam.storage.AtomicFiles;
import io.motam.storage.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Files from the cameras, kept by camera and date, each with its SHA-256 in an index.
 *
 * <pre>
 * &lt;root&gt;/index.jsonl                          append-only: {"op":"add",...} / {"op":"remove",...}
 * &lt;root&gt;/.incoming/                           the link's partial transfers (not touched here)
 * &lt;root&gt;/&lt;camera&gt;/&lt;yyyy-MM-dd&gt;/&lt;kind&gt;/&lt;name&gt;   kind = snapshot | log | model
 * </pre>
 *
 * <p>A file enters only complete: {@link #store} takes a received file whose SHA-256 the link's
 * file receiver has verified against the camera's offer (it is not read again here), fsyncs it,
 * renames it into place atomically and only then appends its index line (fsync'd); when that
 * append fails the file is taken out again, so a file is in the store exactly when its index
 * line is. The link answers FILE_DONE OK only after {@link #store}
 * returned, and a re-offer only while {@link #holds} says so. At open, an index entry whose file
 * is gone is dropped and a file without an index entry (a crash between rename and index: never
 * acknowledged to the camera, so it will be sent again) is deleted.
 *
 * <p>Partial transfers under {@code .incoming/} count toward {@code maxSize} (retention makes room
 * for them) and toward the free-space floor ({@link #admit}); those not written to for
 * {@code partialMaxAge} are deleted by retention. Listing and reading check size and SHA-256
 * against the index ({@link IntegrityCache}): a corrupt file is reported as such and never
 * served. Content already held is found through the {@link ContentIndex}.
 * Retention ({@link Retention}) runs after every stored file and on a timer.
 */
public final class BackupStore implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BackupStore.class);
    static final String INDEX = "index.jsonl";
    static final String INCOMING = ".incoming";
    private static final Pattern CAMERA = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    /** A stored file with the result of its integrity check. */
    public record Listed(StoredFile file, Integrity integrity) {}

    private final Path root;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Retention.Limits limits;
    private final Map<String, StoredFile> live = new LinkedHashMap<>();
    private final ContentIndex byContent = new ContentIndex();
    private final IntegrityCache integrity = new IntegrityCache();
    private JsonLinesFile index;
    private long totalSize;
    /** Bytes of partial transfers under {@code .incoming/}, as of the last retention run or admission. */
    private long incomingSize;

    private volatile BackupListener listener = BackupListener.NONE;

    private BackupStore(Path root, Retention.Limits limits, ObjectMapper mapper, Clock clock) {
        this.root = root;
        this.limits = limits;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Opens (or creates) the store under {@code root}, reconciles the index with the disk and applies retention. */
    public static BackupStore open(Path root, Retention.Limits limits, ObjectMapper mapper, Clock clock)
            throws IOException {
        Path abs = AtomicFiles.ownerOnlyDirectory(root.toAbsolutePath().normalize());
        Files.createDirectories(abs.resolve(INCOMING));
        BackupStore store = new BackupStore(abs, limits, mapper, clock);
        store.load();
        store.reconcile();
        store.enforceRetention();
        return store;
    }

    private void load() throws IOException {
        long[] lines = {0};
        index = JsonLinesFile.open(root.resolve(INDEX), mapper, true, n -> {
            lines[0]++;
            String rel = n.path("path").asText();
            if ("remove".equals(n.path("op").asText())) {
                live.remove(rel);
            } else if ("add".equals(n.path("op").asText())) {
                try {
                    live.put(rel, fromJson(n));
                } catch (RuntimeException e) {
                    LOG.warnf("backup index: unreadable entry for %s skipped: %s", rel, e.getMessage());
                }
            }
        });
        live.values().forEach(byContent::add);
        if (lines[0] > 2L * live.size() + 100) {
            compact();
        }
        totalSize = live.values().stream().mapToLong(StoredFile::size).sum();
    }

    /** Rewrites the index with only the live entries (atomically), then reopens it for appending. */
    private void compact() throws IOException {
        index.close();
        StringBuilder out = new StringBuilder();
        for (StoredFile f : live.values()) {
            out.append(mapper.writeValueAsString(addJson(f))).append('\n');
        }
        AtomicFiles.write(root.resolve(INDEX), out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
        index = JsonLinesFile.open(root.resolve(INDEX), mapper, true, n -> {});
        LOG.infof("backup index compacted to %d entries", live.size());
    }

    private void reconcile() throws IOException {
        for (StoredFile f : List.copyOf(live.values())) {
            if (!Files.isRegularFile(f.path())) {
                LOG.warnf("backup %s is missing from disk: dropped from the index", f.relative());
                drop(f, "missing at start");
            }
        }
        List<Path> orphans = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(p -> {
                Path rel = root.relativize(p);
                if (rel.getNameCount() == 1 || rel.getName(0).toString().equals(INCOMING)) {
                    return; // the index itself, its temporary twin, the link's partial transfers
                }
                if (!live.containsKey(relative(rel))) {
                    orphans.add(p);
                }
            });
        }
        for (Path p : orphans) {
            LOG.warnf(
                    "backup %s has no index entry (stored but never acknowledged): deleted, the camera sends it again",
                    root.relativize(p));
            Files.deleteIfExists(p);
        }
    }

    /** Where the link writes files it is still receiving (same file system: the final rename is atomic). */
    public Path incomingDir() {
        return root.resolve(INCOMING);
    }

    public Path root() {
        return root;
    }

    /**
     * Takes a completely received file into the store. {@code sha256} is the hash the file
     * receiver verified the file's bytes against; the file is not hashed again. The same content
     * from the same camera and kind is stored once (a resend after a lost ack returns the existing
     * entry). The file is moved away or deleted in every case.
     */
    public synchronized StoredFile store(String cameraId, FileKind kind, String name, Path verifiedFile, byte[] sha256)
            throws IOException {
        requireMatches(CAMERA, cameraId, "camera id");
        requireMatches(NAME, name, "file name");
        if (sha256 == null || sha256.length != Sha256.LENGTH) {
            throw new IllegalArgumentException("expected a " + Sha256.LENGTH + "-byte SHA-256 but was "
                    + (sha256 == null ? "null" : sha256.length + " bytes"));
        }
        String hex = Sha256.hex(sha256);
        Optional<StoredFile> same = intact(cameraId, kind, hex);
        if (same.isPresent()) {
            Files.deleteIfExists(verifiedFile);
            LOG.infof(
                    "backup %s from camera %s already stored as %s",
                    name, cameraId, same.get().relative());
            tell(BackupListener.Outcome.ALREADY_STORED, same.get(), null);
            return same.get();
        }
        Instant now = clock.instant();
        Path dir = root.resolve(cameraId).resolve(DAY.format(now)).resolve(Kinds.label(kind));
        Files.createDirectories(dir);
        Path target = unique(dir, name);
        long size = Files.size(verifiedFile);
        AtomicFiles.moveDurably(verifiedFile, target);
        StoredFile f = new StoredFile(
                cameraId,
                kind,
                target.getFileName().toString(),
                relative(root.relativize(target)),
                target,
                size,
                hex,
                now);
        try {
            index.append(addJson(f));
        } catch (IOException e) {
            // not indexed, so not stored: take it out, the camera keeps its copy and sends it again
            Files.deleteIfExists(target);
            AtomicFiles.syncDirectory(dir);
            LOG.errorf(
                    "backup %s from camera %s not stored: its index line could not be written (%s)",
                    name, cameraId, e.getMessage());
            throw e;
        }
        live.put(f.relative(), f);
        byContent.add(f);
        totalSize += size;
        integrity.verified(f);
        LOG.infof(
                "backup stored camera=%s kind=%s file=%s bytes=%d sha256=%s",
                cameraId, Kinds.label(kind), f.relative(), size, hex);
        tell(BackupListener.Outcome.STORED, f, null);
        enforceRetention();
        return f;
    }

    /**
     * A file the file receiver dropped because its bytes did not hash to the camera's offer: told
     * to the listener as {@link BackupListener.Outcome#REJECTED}; nothing is stored.
     */
    public synchronized void rejected(
            String cameraId, FileKind kind, String name, long size, byte[] offered, byte[] actual) {
        tell(
                BackupListener.Outcome.REJECTED,
                cameraId,
                kind,
                name,
                size,
                Sha256.hex(offered),
                "received bytes hash to " + Sha256.hex(actual));
    }

    /** Whether this camera's file of this kind with this SHA-256 is indexed and intact (a re-offer is answered OK). */
    public synchronized boolean holds(String cameraId, FileKind kind, byte[] sha256) {
        return intact(cameraId, kind, Sha256.hex(sha256)).isPresent();
    }

    private Optional<StoredFile> intact(String cameraId, FileKind kind, String hex) {
        return byContent.find(cameraId, kind, hex).stream()
                .filter(f -> integrity(f) == Integrity.VERIFIED)
                .findFirst();
    }

    /** {@code dir/name}, or {@code dir/<base>-2.<ext>}, {@code -3} ... when that name is taken. */
    private static Path unique(Path dir, String name) {
        Path p = dir.resolve(name);
        if (!Files.exists(p)) {
            return p;
        }
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int i = 2; ; i++) {
            p = dir.resolve(base + "-" + i + ext);
            if (!Files.exists(p)) {
                return p;
            }
        }
    }

    /**
     * Makes room for a transfer that still has {@code bytesToCome} bytes to arrive: retention
     * removes what it must so that stored files, partial transfers and those bytes fit in
     * {@code maxSize}; then the file system must keep {@code minFree} after them.
     *
     * @throws StoreFullException when the free space would fall under {@code minFree}
     */
    public synchronized void admit(String cameraId, String what, long bytesToCome) throws IOException {
        incomingSize = incomingBytes(false);
        applyRetention(incomingSize + bytesToCome);
        long free = Files.getFileStore(root).getUsableSpace();
        if (free - bytesToCome < limits.minFree()) {
            LOG.warnf(
                    "backup refused %s from camera %s for now: %d more bytes would leave %d free, under the minimum of %d",
                    what, cameraId, bytesToCome, free - bytesToCome, limits.minFree());
            throw new StoreFullException("backup store " + root + ": expected at least " + limits.minFree()
                    + " bytes free after " + bytesToCome + " more but only " + free + " are free");
        }
    }

    /** Every file of a camera (or of all cameras when empty), oldest first, with its integrity. */
    public synchronized List<Listed> list(Optional<String> cameraId) {
        List<Listed> out = new ArrayList<>();
        for (StoredFile f : live.values()) {
            if (cameraId.isEmpty() || cameraId.get().equals(f.cameraId())) {
                out.add(new Listed(f, integrity(f)));
            }
        }
        return out;
    }

    /** The newest model of the camera whose content still matches its hash (for restore). */
    public Optional<StoredFile> latestModel(String cameraId) {
        return latest(cameraId, FileKind.MODEL);
    }

    /** The newest verified file of a kind from a camera. */
    public synchronized Optional<StoredFile> latest(String cameraId, FileKind kind) {
        return live.values().stream()
                .filter(f -> f.cameraId().equals(cameraId) && f.kind() == kind)
                .sorted(Comparator.comparing(StoredFile::storedAt).reversed())
                .filter(f -> integrity(f) == Integrity.VERIFIED)
                .findFirst();
    }

    /** The newest verified file of a kind from any camera. */
    public synchronized Optional<StoredFile> latest(FileKind kind) {
        return cameras().stream()
                .map(c -> latest(c, kind))
                .flatMap(Optional::stream)
                .max(Comparator.comparing(StoredFile::storedAt));
    }

    /** Reads a stored file and checks what was read against its hash. */
    public byte[] readVerified(StoredFile f) throws IOException {
        byte[] bytes = Files.readAllBytes(f.path());
        String hex = Sha256.hex(Sha256.of(bytes));
        if (bytes.length != f.size() || !hex.equals(f.sha256())) {
            throw new CorruptTransferException(
                    "backup " + f.relative() + ": expected SHA-256 " + f.sha256() + " but was " + hex);
        }
        return bytes;
    }

    /** Size and hash against the index, recomputed only when the file's size or time changed. */
    public synchronized Integrity integrity(StoredFile f) {
        return integrity.check(f);
    }

    /**
     * Deletes partial transfers not written to for {@code partialMaxAge}, then applies the age and
     * size limits (partial transfers counted) now; returns the stored files removed.
     */
    public synchronized List<Retention.Removal> enforceRetention() {
        incomingSize = incomingBytes(true);
        return applyRetention(incomingSize);
    }

    private List<Retention.Removal> applyRetention(long reserved) {
        List<Retention.Removal> removals = Retention.choose(live.values(), limits, clock.instant(), reserved);
        for (Retention.Removal r : removals) {
            try {
                Files.deleteIfExists(r.file().path());
                drop(r.file(), r.why());
                tell(BackupListener.Outcome.EXPIRED, r.file(), r.why());
                LOG.infof(
                        "backup retention removed camera=%s kind=%s file=%s bytes=%d: %s",
                        r.file().cameraId(),
                        Kinds.label(r.file().kind()),
                        r.file().relative(),
                        r.file().size(),
                        r.why());
            } catch (IOException e) {
                LOG.warnf("backup retention could not remove %s: %s", r.file().relative(), e.getMessage());
            }
        }
        return removals;
    }

    /** Tells {@code listener} (one at a time) what this store does with the files from now on. */
    public void listen(BackupListener listener) {
        this.listener = listener;
    }

    private void tell(BackupListener.Outcome outcome, StoredFile f, String reason) {
        tell(outcome, f.cameraId(), f.kind(), f.relative(), f.size(), f.sha256(), reason);
    }

    private void tell(
            BackupListener.Outcome outcome,
            String camera,
            FileKind kind,
            String file,
            long size,
            String sha256,
            String reason) {
        try {
            listener.changed(new BackupListener.Change(outcome, camera, kind, file, size, sha256, reason));
        } catch (RuntimeException e) {
            LOG.errorf("backup listener failed on %s %s: %s", outcome, file, e.getMessage());
        }
    }

    /**
     * The bytes of the partial transfers under {@code .incoming/}; with {@code prune}, first
     * deletes every transfer (a file id's {@code .part}, {@code .offer} and leftovers) whose
     * newest file is older than {@code partialMaxAge}.
     */
    private long incomingBytes(boolean prune) {
        Instant cutoff = clock.instant().minus(limits.partialMaxAge());
        Map<Path, List<Path>> transfers = new HashMap<>();
        Map<Path, Instant> newest = new HashMap<>();
        long total = 0;
        try (Stream<Path> walk = Files.walk(incomingDir(), 2)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (!Files.isRegularFile(p)) {
                    continue;
                }
                String name = p.getFileName().toString();
                int dot = name.indexOf('.', 1);
                Path transfer = p.resolveSibling(dot > 0 ? name.substring(0, dot) : name);
                transfers.computeIfAbsent(transfer, t -> new ArrayList<>()).add(p);
                newest.merge(transfer, Files.getLastModifiedTime(p).toInstant(), (a, b) -> a.isAfter(b) ? a : b);
                total += Files.size(p);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.warnf("backup %s: could not measure partial transfers: %s", incomingDir(), e.getMessage());
            return incomingSize;
        }
        if (!prune) {
            return total;
        }
        for (var t : transfers.entrySet()) {
            if (!newest.get(t.getKey()).isBefore(cutoff)) {
                continue;
            }
            for (Path p : t.getValue()) {
                try {
                    long size = Files.size(p);
                    Files.deleteIfExists(p);
                    total -= size;
                } catch (IOException e) {
                    LOG.warnf(
                            "backup could not delete abandoned partial %s: %s",
                            incomingDir().relativize(p), e.getMessage());
                }
            }
            LOG.infof(
                    "backup deleted abandoned partial transfer %s: not written to for more than %s",
                    incomingDir().relativize(t.getKey()), limits.partialMaxAge());
        }
        return total;
    }

    private void drop(StoredFile f, String why) throws IOException {
        ObjectNode n = mapper.createObjectNode();
        n.put("op", "remove")
                .put("path", f.relative())
                .put("why", why)
                .put("ts", clock.instant().toString());
        index.append(n);
        if (live.remove(f.relative()) != null) {
            totalSize -= f.size();
            byContent.remove(f);
        }
        integrity.forget(f);
    }

    /** Bytes held: stored files plus partial transfers (those as of the last retention run or admission). */
    public synchronized long totalSize() {
        return totalSize + incomingSize;
    }

    /** Bytes of stored (complete, indexed) files. */
    public synchronized long storedSize() {
        return totalSize;
    }

    public synchronized int fileCount() {
        return live.size();
    }

    public Retention.Limits limits() {
        return limits;
    }

    public synchronized Set<String> cameras() {
        Set<String> out = new TreeSet<>();
        live.values().forEach(f -> out.add(f.cameraId()));
        return out;
    }

    private static String relative(Path rel) {
        return rel.toString().replace('\\', '/');
    }

    private static void requireMatches(Pattern p, String value, String what) {
        if (value == null || !p.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must match " + p.pattern() + " but was '" + value + "'");
        }
    }

    private ObjectNode addJson(StoredFile f) {
        ObjectNode n = mapper.createObjectNode();
        n.put("op", "add")
                .put("path", f.relative())
                .put("camera", f.cameraId())
                .put("kind", Kinds.label(f.kind()))
                .put("name", f.name())
                .put("size", f.size())
                .put("sha256", f.sha256())
                .put("storedAt", f.storedAt().toString());
        return n;
    }

    private StoredFile fromJson(ObjectNode n) {
        String rel = n.path("path").asText();
        Path p = root.resolve(rel).normalize();
        if (!p.startsWith(root) || rel.isEmpty()) {
            throw new IllegalArgumentException("path outside the store: " + rel);
        }
        FileKind kind = Kinds.fromLabel(n.path("kind").asText())
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown kind " + n.path("kind").asText()));
        return new StoredFile(
                n.path("camera").asText(),
                kind,
                n.path("name").asText(),
                rel,
                p,
                n.path("size").asLong(),
                n.path("sha256").asText(),
                Instant.parse(n.path("storedAt").asText()));
    }

    @Override
    public synchronized void close() {
        if (index != null) {
            index.close();
        }
    }
}
