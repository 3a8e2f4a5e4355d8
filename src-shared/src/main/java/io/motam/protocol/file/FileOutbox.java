package io.motam.protocol.file;

import io.motam.domain.FileKind;
import io.motam.protocol.frame.Frame;
import io.motam.protocol.frame.FrameType;
import io.motam.protocol.message.FileOffer;
import io.motam.protocol.message.Message;
import io.motam.protocol.message.MessageCodec;
import io.motam.storage.AtomicFiles;
import io.motam.storage.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The camera's durable queue of files for the gateway (snapshots, logs, the model), kept next to
 * the event {@code Outbox}. {@link #enqueue} copies the file into the queue folder, computing its
 * SHA-256 on the way, and returns once the copy and its offer are on disk (fsync); the file then
 * stays until the gateway confirms it with {@code FILE_DONE OK} ({@link #remove}), across link
 * cuts and restarts of either side. Files are offered oldest first.
 *
 * <pre>
 *   &lt;dir&gt;/0000000000000007.data    the bytes (renamed into place after fsync)
 *   &lt;dir&gt;/0000000000000007.offer   the FILE_OFFER payload: id, kind, size, SHA-256, name (the commit point)
 * </pre>
 *
 * A {@code .data} without its {@code .offer} is an enqueue cut short by a crash, or a removed
 * file whose deletion a crash interrupted, and is deleted at open, as are temporary files; an
 * {@code .offer} whose data is missing or of the wrong size is dropped with a warning.
 *
 * <p>Removing a file deletes its {@code .offer} (the entry is gone) and leaves the deletion of
 * the bytes to a background thread, so the link's writer, which settles delivered files, does
 * not wait while a large file's blocks are freed.
 *
 * <p>Bounded by {@link Limits}: when a new file does not fit, the oldest snapshots are dropped
 * (logged) until it does; logs and models are never dropped, and a file that still does not
 * fit is refused with {@link FileOutboxFullException}. Thread-safe.
 */
public final class FileOutbox {
    private static final Logger LOG = Logger.getLogger(FileOutbox.class);
    private static final Pattern ENTRY = Pattern.compile("(\\d{16})\\.(offer|data)");
    private static final int COPY_BUFFER = 64 * 1024;
    /** Gateways that say "hash mismatch" this often for a file that still hashes right here: give up on it. */
    static final int MAX_MISMATCHES = 3;

    /** At most {@code maxFiles} files and {@code maxBytes} bytes queued. */
    public record Limits(int maxFiles, long maxBytes) {
        public static final Limits DEFAULT = new Limits(1000, 1L << 30);

        public Limits {
            if (maxFiles < 1 || maxBytes < 1) {
                throw new IllegalArgumentException(
                        "limits must be positive but were " + maxFiles + " files, " + maxBytes + " bytes");
            }
        }
    }

    private final Path dir;
    private final Limits limits;
    private final TreeMap<Long, QueuedFile> queue = new TreeMap<>();
    private final Map<UUID, Integer> mismatches = new HashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private long nextNumber = 1;
    /** Bytes of the queued files and of those being copied in. */
    private long bytes;
    /** Files being copied in. */
    private int copying;
    /** Deletes the bytes of removed files; its one thread ends when idle. */
    private final ThreadPoolExecutor cleaner =
            new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "motam-file-cleanup");
                t.setDaemon(true);
                return t;
            });

    private FileOutbox(Path dir, Limits limits) {
        this.dir = dir;
        this.limits = limits;
    }

    public static FileOutbox open(Path dir, Limits limits) throws IOException {
        Objects.requireNonNull(limits, "limits");
        Files.createDirectories(dir);
        FileOutbox o = new FileOutbox(dir, limits);
        o.recover();
        return o;
    }

    private void recover() throws IOException {
        Map<Long, Path> offers = new HashMap<>();
        Map<Long, Path> datas = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Matcher m = ENTRY.matcher(f.getFileName().toString());
                if (!m.matches()) {
                    LOG.infof("file queue %s: removed leftover %s", dir, f.getFileName());
                    Files.deleteIfExists(f);
                    continue;
                }
                long n = Long.parseLong(m.group(1));
                nextNumber = Math.max(nextNumber, n + 1);
                (m.group(2).equals("offer") ? offers : datas).put(n, f);
            }
        }
        for (Map.Entry<Long, Path> e : offers.entrySet()) {
            Path data = datas.remove(e.getKey());
            Optional<FileOffer> offer = readOffer(e.getValue());
            if (offer.isEmpty()
                    || data == null
                    || Files.size(data) != offer.get().size()) {
                LOG.warnf("file queue %s: dropped entry %d (offer unreadable or data missing or cut)", dir, e.getKey());
                Files.deleteIfExists(e.getValue());
                if (data != null) {
                    Files.deleteIfExists(data);
                }
                continue;
            }
            queue.put(e.getKey(), new QueuedFile(e.getKey(), offer.get(), data));
            bytes += offer.get().size();
        }
        for (Path orphan : datas.values()) {
            Files.deleteIfExists(orphan); // an enqueue that never reached its commit point
        }
        if (!queue.isEmpty()) {
            LOG.infof("file queue %s: %d file(s), %d bytes waiting for the gateway", dir, queue.size(), bytes);
        }
    }

    private Optional<FileOffer> readOffer(Path f) {
        try {
            byte[] payload = Files.readAllBytes(f);
            Message m = MessageCodec.decode(new Frame(FrameType.FILE_OFFER, 0, payload));
            return Optional.of((FileOffer) m);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Called after every enqueue (outside the lock): wakes a sender waiting for work. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    /** Queues a copy of {@code source} under its own file name. */
    public FileOffer enqueue(FileKind kind, Path source) throws IOException {
        return enqueue(kind, source.getFileName().toString(), source);
    }

    /**
     * Queues a copy of {@code source} to be stored on the gateway as {@code name}. Durable on
     * return; the caller may delete {@code source}.
     *
     * @throws IllegalArgumentException if {@code name} is not a plain file name ({@link FileOffer#NAME})
     * @throws FileOutboxFullException if it does not fit even after dropping queued snapshots
     */
    public FileOffer enqueue(FileKind kind, String name, Path source) throws IOException {
        long size = Files.size(source);
        try (InputStream in = Files.newInputStream(source)) {
            return enqueue(kind, name, size, in);
        }
    }

    /** Queues {@code content} (e.g. an encoded snapshot) to be stored on the gateway as {@code name}. */
    public FileOffer enqueue(FileKind kind, String name, byte[] content) throws IOException {
        return enqueue(kind, name, content.length, new java.io.ByteArrayInputStream(content));
    }

    private FileOffer enqueue(FileKind kind, String name, long size, InputStream in) throws IOException {
        Objects.requireNonNull(kind, "kind");
        if (!FileOffer.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "expected a file name matching " + FileOffer.NAME.pattern() + " but was '" + name + "'");
        }
        long number = reserve(kind, name, size);
        Path tmp = dir.resolve("." + number + ".tmp");
        Path data = dir.resolve(String.format("%016d.data", number));
        Path offerFile = dir.resolve(String.format("%016d.offer", number));
        FileOffer offer;
        try {
            byte[] sha256 = copy(in, tmp, size);
            offer = new FileOffer(UUID.randomUUID(), kind, name, size, sha256);
            AtomicFiles.moveDurably(tmp, data);
            AtomicFiles.write(offerFile, MessageCodec.encode(offer), false);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            Files.deleteIfExists(data);
            release(size);
            throw e;
        }
        synchronized (this) {
            copying--;
            queue.put(number, new QueuedFile(number, offer, data));
        }
        LOG.infof("file queued: %s", offer);
        listeners.forEach(Runnable::run);
        return offer;
    }

    /** Makes room (dropping the oldest snapshots) and books the space; returns the entry's number. */
    private synchronized long reserve(FileKind kind, String name, long size) throws IOException {
        Iterator<QueuedFile> oldest = new ArrayList<>(queue.values()).iterator();
        while ((queue.size() + copying + 1 > limits.maxFiles() || bytes + size > limits.maxBytes())
                && oldest.hasNext()) {
            QueuedFile q = oldest.next();
            if (q.offer().kind() == FileKind.SNAPSHOT) {
                LOG.warnf(
                        "file queue full: dropped the oldest snapshot %s to make room for %s %s",
                        q.offer(), kind, name);
                removeLocked(q);
            }
        }
        if (queue.size() + copying + 1 > limits.maxFiles() || bytes + size > limits.maxBytes()) {
            throw new FileOutboxFullException(name, size, queue.size(), bytes, limits);
        }
        bytes += size;
        copying++;
        return nextNumber++;
    }

    private synchronized void release(long size) {
        bytes -= size;
        copying--;
    }

    private static byte[] copy(InputStream in, Path tmp, long size) throws IOException {
        MessageDigest sha = Sha256.digest();
        long copied = 0;
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buf = new byte[COPY_BUFFER];
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
                ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
                while (b.hasRemaining()) {
                    out.write(b);
                }
                copied += n;
            }
            out.force(true);
        }
        if (copied != size) {
            throw new IOException(
                    "expected " + size + " bytes but read " + copied + " (the file changed while queued)");
        }
        return sha.digest();
    }

    /** The oldest queued file. */
    public synchronized Optional<QueuedFile> first() {
        return queue.isEmpty()
                ? Optional.empty()
                : Optional.of(queue.firstEntry().getValue());
    }

    /** Every queued file, oldest first (a copy: later changes to the queue do not show in it). */
    public synchronized List<QueuedFile> queued() {
        return List.copyOf(queue.values());
    }

    public synchronized boolean contains(UUID fileId) {
        return find(fileId).isPresent();
    }

    public synchronized Optional<QueuedFile> find(UUID fileId) {
        return queue.values().stream()
                .filter(q -> q.offer().fileId().equals(fileId))
                .findFirst();
    }

    /** The file is on the gateway (or given up): forget it and delete its copy. */
    public synchronized void remove(UUID fileId) throws IOException {
        Optional<QueuedFile> q = find(fileId);
        if (q.isPresent()) {
            removeLocked(q.get());
        }
    }

    private void removeLocked(QueuedFile q) throws IOException {
        queue.remove(q.queueNumber());
        mismatches.remove(q.offer().fileId());
        bytes -= q.offer().size();
        Files.deleteIfExists(dir.resolve(String.format("%016d.offer", q.queueNumber())));
        Path data = q.data();
        cleaner.execute(() -> {
            try {
                Files.deleteIfExists(data);
            } catch (IOException e) {
                LOG.warnf(
                        "file queue %s: could not delete %s (deleted at the next start): %s",
                        dir, data.getFileName(), e.getMessage());
            }
        });
    }

    /** Drops queued files of {@code kind} older than {@code keep} (e.g. models superseded by a newer one). */
    public synchronized int dropOlder(FileKind kind, UUID keep) throws IOException {
        Optional<QueuedFile> kept = find(keep);
        if (kept.isEmpty()) {
            return 0;
        }
        int dropped = 0;
        for (QueuedFile q :
                new ArrayList<>(queue.headMap(kept.get().queueNumber()).values())) {
            if (q.offer().kind() == kind) {
                LOG.infof(
                        "file queue: %s superseded by %s, dropped",
                        q.offer(), kept.get().offer().name());
                removeLocked(q);
                dropped++;
            }
        }
        return dropped;
    }

    /**
     * The gateway reported a hash mismatch for this file. Returns whether to offer it again: not
     * when the queued copy itself no longer hashes to its offer (it is dropped: the local copy is
     * damaged), nor after {@value #MAX_MISMATCHES} mismatches.
     */
    public boolean mismatched(UUID fileId) throws IOException {
        QueuedFile q;
        synchronized (this) {
            Optional<QueuedFile> found = find(fileId);
            if (found.isEmpty()) {
                return false;
            }
            q = found.get();
        }
        boolean intact = q.offer().matches(Sha256.of(q.data(), q.offer().size()));
        synchronized (this) {
            int count = mismatches.merge(fileId, 1, Integer::sum);
            if (!intact || count >= MAX_MISMATCHES) {
                LOG.errorf(
                        "file %s dropped: %s",
                        q.offer(),
                        intact
                                ? "the gateway reported " + count + " hash mismatches"
                                : "the queued copy no longer matches its SHA-256");
                removeLocked(q);
                return false;
            }
            return true;
        }
    }

    public synchronized int count() {
        return queue.size();
    }

    public synchronized long bytes() {
        return bytes;
    }

    public Path directory() {
        return dir;
    }
}
