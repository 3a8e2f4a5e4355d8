package io.motam.camera.uplink;

import io.motam.domain.FileKind;
import io.motam.protocol.file.FileOutbox;
import io.motam.storage.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Sends the camera's rotated log files to the gateway's backup store (kind LOG).
 *
 * <p>The log handler ({@code quarkus.log.file.*}) writes {@code camera.log} and rotates it into
 * {@code camera.log.1}, {@code .2} ... at its size limit and at every start, keeping at most its
 * {@code max-backup-index}. The shipper never renames or deletes those files, so it cannot race
 * the handler's own renames: it queues a copy of each rotated file it has not queued yet, as
 * {@code camera-<last write, UTC>.log}. A rotated file is known by its file key (device and
 * inode), size and last-modified time, which a rename keeps; the keys queued so far are kept in
 * {@code shipped} (one per line, rewritten atomically, trimmed to the files still there), so a
 * restart queues none twice. The live file is never sent: at the next start it is rotated, and
 * shipped then.
 *
 * <p>Used by one thread at a time.
 */
final class LogShipper {
    private static final Logger LOG = Logger.getLogger(LogShipper.class);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Path liveLog;
    private final FileOutbox files;
    private final Path shipped;
    /** The keys in {@link #shipped}, read at the first call; this shipper is its only writer. */
    private Set<String> done;

    /**
     * @param liveLog the file the handler writes; rotated files are its siblings named {@code <name>.*}
     * @param files   the uplink's durable file queue
     * @param shipped where the keys of the files already queued are kept
     */
    LogShipper(Path liveLog, FileOutbox files, Path shipped) {
        this.liveLog = liveLog.toAbsolutePath();
        this.files = files;
        this.shipped = shipped;
    }

    /** A rotated log file and what identifies it across renames. */
    private record Rotated(Path path, String key, Instant lastWrite) {}

    /**
     * Queues every rotated file not queued before, oldest first; returns how many. A file that
     * cannot be queued (the queue is full, it vanished) is left for the next call.
     */
    int shipOnce() throws IOException {
        if (done == null) {
            done = readShipped();
        }
        Set<String> before = Set.copyOf(done);
        Set<String> present = new LinkedHashSet<>();
        int queued = 0;
        for (Rotated r : rotated()) {
            present.add(r.key());
            if (done.contains(r.key())) {
                continue;
            }
            String name = liveName() + "-" + STAMP.format(r.lastWrite()) + ".log";
            try {
                files.enqueue(FileKind.LOG, name, r.path());
            } catch (NoSuchFileException e) {
                present.remove(r.key()); // removed by the handler meanwhile (over its backup index)
                continue;
            } catch (IOException | RuntimeException e) {
                LOG.warnf("log %s not queued for the gateway yet: %s", r.path().getFileName(), e.getMessage());
                continue;
            }
            done.add(r.key());
            queued++;
        }
        done.retainAll(present);
        if (!done.equals(before)) {
            try {
                writeShipped(done);
            } catch (IOException e) {
                done = null; // read the record again next time: what it lacks is queued again, never lost
                throw e;
            }
        }
        return queued;
    }

    /** The live file's name without its extension ({@code camera} for {@code camera.log}). */
    private String liveName() {
        String n = liveLog.getFileName().toString();
        int dot = n.indexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private List<Rotated> rotated() throws IOException {
        Path dir = liveLog.getParent();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        String prefix = liveLog.getFileName() + ".";
        List<Rotated> out = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .toList()) {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    if (a.isRegularFile()) {
                        Instant at = a.lastModifiedTime().toInstant();
                        Object fileKey = a.fileKey();
                        out.add(new Rotated(
                                p,
                                (fileKey == null ? p.getFileName() : fileKey) + " " + a.size() + " "
                                        + at.toEpochMilli(),
                                at));
                    }
                } catch (NoSuchFileException e) {
                    // rotated away between the listing and now
                }
            }
        }
        out.sort(Comparator.comparing(Rotated::lastWrite));
        return out;
    }

    private Set<String> readShipped() throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        if (Files.exists(shipped)) {
            for (String line : Files.readAllLines(shipped, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    keys.add(line.strip());
                }
            }
        }
        return keys;
    }

    private void writeShipped(Set<String> keys) throws IOException {
        StringBuilder b = new StringBuilder();
        keys.forEach(k -> b.append(k).append('\n'));
        AtomicFiles.write(shipped, b.toString().getBytes(StandardCharsets.UTF_8), true);
    }
}
