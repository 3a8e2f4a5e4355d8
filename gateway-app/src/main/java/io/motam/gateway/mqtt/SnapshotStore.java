package io.motam.gateway.mqtt;

import io.motam.protocol.message.Identifiers;
import io.motam.storage.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The latest snapshot of each camera on its way to the retained topic
 * {@code camera/<camera>/snapshot}, kept durable outside the journal (a JPEG is too big for a
 * journal line and only the latest one matters).
 *
 * <pre>
 *   &lt;dir&gt;/cam1.pending.jpg   written atomically (owner-only) by {@link #put}; not yet acknowledged by the broker
 *   &lt;dir&gt;/cam1.jpg           the last snapshot the broker acknowledged
 * </pre>
 *
 * A newer snapshot replaces a pending one (latest wins); after a restart pending snapshots are
 * published again. Thread-safe.
 */
public final class SnapshotStore {
    /** Largest snapshot accepted. */
    public static final int MAX_BYTES = 2 * 1024 * 1024;

    private static final String PENDING = ".pending.jpg";
    private static final String PUBLISHED = ".jpg";

    private final Path dir;
    /** camera -> version of its pending snapshot */
    private final Map<String, Long> pending = new TreeMap<>();

    private final Set<String> cameras = new TreeSet<>();
    private long version;

    public SnapshotStore(Path dir) throws IOException {
        this.dir = AtomicFiles.ownerOnlyDirectory(dir);
        try (Stream<Path> files = Files.list(dir)) {
            files.map(f -> f.getFileName().toString()).forEach(name -> {
                if (name.endsWith(PENDING)) {
                    String cam = name.substring(0, name.length() - PENDING.length());
                    if (Identifiers.ID.matcher(cam).matches()) {
                        pending.put(cam, ++version);
                        cameras.add(cam);
                    }
                } else if (name.endsWith(PUBLISHED)) {
                    String cam = name.substring(0, name.length() - PUBLISHED.length());
                    if (Identifiers.ID.matcher(cam).matches()) {
                        cameras.add(cam);
                    }
                }
            });
        }
    }

    /**
     * Stores a camera's newest snapshot durably (fsync) as pending.
     *
     * @throws IllegalArgumentException for a bad camera id, an empty or oversized picture, or one that is not a JPEG
     */
    public synchronized void put(String cameraId, byte[] jpeg) throws IOException {
        Identifiers.requireId(cameraId, "camera id");
        if (jpeg == null || jpeg.length < 4 || jpeg.length > MAX_BYTES) {
            throw new IllegalArgumentException(
                    "snapshot must be 4.." + MAX_BYTES + " bytes but was " + (jpeg == null ? "null" : jpeg.length));
        }
        if ((jpeg[0] & 0xff) != 0xFF || (jpeg[1] & 0xff) != 0xD8 || (jpeg[2] & 0xff) != 0xFF) {
            throw new IllegalArgumentException("snapshot must be a JPEG (FF D8 FF) but starts with "
                    + String.format("%02X %02X %02X", jpeg[0], jpeg[1], jpeg[2]));
        }
        AtomicFiles.write(dir.resolve(cameraId + PENDING), jpeg, true);
        pending.put(cameraId, ++version);
        cameras.add(cameraId);
    }

    /** Cameras with a snapshot not yet acknowledged, with the version to report back. */
    public synchronized Map<String, Long> pending() {
        return new TreeMap<>(pending);
    }

    /** Every camera that ever had a snapshot here. */
    public synchronized Set<String> cameras() {
        return new TreeSet<>(cameras);
    }

    /** The pending snapshot of a camera, if that version is still the pending one. */
    public synchronized Optional<byte[]> read(String cameraId, long expectedVersion) throws IOException {
        if (!Long.valueOf(expectedVersion).equals(pending.get(cameraId))) {
            return Optional.empty();
        }
        return Optional.of(Files.readAllBytes(dir.resolve(cameraId + PENDING)));
    }

    /** The broker acknowledged that version: it stops being pending unless a newer one arrived meanwhile. */
    public synchronized void published(String cameraId, long publishedVersion) throws IOException {
        if (!Long.valueOf(publishedVersion).equals(pending.get(cameraId))) {
            return;
        }
        AtomicFiles.moveDurably(dir.resolve(cameraId + PENDING), dir.resolve(cameraId + PUBLISHED));
        pending.remove(cameraId);
    }

    /** The last acknowledged snapshot of a camera. */
    public synchronized Optional<byte[]> latestPublished(String cameraId) throws IOException {
        Path f = dir.resolve(Identifiers.requireId(cameraId, "camera id") + PUBLISHED);
        return Files.exists(f) ? Optional.of(Files.readAllBytes(f)) : Optional.empty();
    }
}
