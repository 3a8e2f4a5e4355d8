package io.motam.gateway.journal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.motam.storage.AtomicFiles;
import io.motam.storage.LineFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * The gateway's durable, append-only event journal: one JSON object per line, fsync'd before
 * {@link #append} returns, so that an ack sent after it never refers to a lost event.
 *
 * <pre>
 *   &lt;dir&gt;/events-00000000000000000001.jsonl   sealed segment: entries 1 .. 11 999
 *   &lt;dir&gt;/events-00000000000000012000.jsonl   active segment: entries 12 000 ..
 *   &lt;dir&gt;/sequences.json                      highest camera sequence per camera, through an index
 *   line: {"n":&lt;index&gt;,"topic":"events/mode","camera":"cam1","seq":&lt;camera seq&gt;,"payload":{...}}
 * </pre>
 *
 * <p>A segment is sealed once it reaches {@link JournalSettings#segmentBytes()}; sealing first
 * records the highest sequence number per camera in {@code sequences.json}, so that
 * {@link #lastSequence} stays right after old segments are deleted by {@link #compact} and only
 * the segments after that record are read at open. At open, a torn last line of the active
 * segment (a crash mid-write) is cut off and everything before it is kept ({@link JournalRecovery}).
 * Entries are read back by a {@link JournalReader}, never held in memory; an entry's payload
 * stays the JSON bytes of its line from the disk to the MQTT publish.
 *
 * <p>Segments are {@link LineFile}s: a write that fails part-way (disk full) is cut back and
 * {@link #append} throws without taking the index, so the next entry gets that index and the
 * file holds it once; a failed fsync stops the process ({@link io.motam.storage.Fatal}).
 */
public final class EventJournal implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EventJournal.class);
    /** Longest journal line, in bytes (events are small; snapshots travel outside the journal). */
    static final int MAX_LINE = 64 * 1024;
    /** Longest line without its newline. */
    static final int MAX_RECORD = MAX_LINE - 1;

    static final String SEQUENCES_FILE = CameraSequences.FILE;

    private final ObjectMapper mapper;
    private final Path dir;
    private final JournalSettings options;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Segment> segments = new ArrayList<>();
    private final CameraSequences sequences;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private LineFile<JournalEntry> active;
    /** Bytes of the active segment that hold whole, fsync'd lines. */
    private long activeEnd;

    private long lastIndex;
    /** When {@link #compact} last warned that the journal is over its maximum size (epoch millis). */
    private long lastOversizeWarning;

    private EventJournal(ObjectMapper mapper, Path dir, JournalSettings options) {
        this.mapper = mapper;
        this.dir = dir;
        this.options = options;
        this.sequences = new CameraSequences(dir, mapper);
    }

    /** Opens (or creates) the journal in {@code dir} and recovers its tail. */
    public static EventJournal open(Path dir, ObjectMapper mapper, JournalSettings options) throws IOException {
        Files.createDirectories(dir);
        EventJournal j = new EventJournal(mapper, dir, options);
        j.recover();
        return j;
    }

    // --- opening -----------------------------------------------------------------------------

    private void recover() throws IOException {
        JournalRecovery.Result found = new JournalRecovery(this, sequences).run();
        segments.addAll(found.segments());
        active = found.active();
        activeEnd = active.size();
        lastIndex = found.lastIndex();
        LOG.infof("journal %s: %d segment(s), last entry %d", dir, segments.size(), lastIndex);
    }

    /**
     * One line of a segment, without its newline, as an entry; empty when it is not a readable
     * entry. Read as a stream of tokens: the payload object is skipped over and kept as the bytes
     * it is in the line, not built into a tree.
     */
    Optional<JournalEntry> parse(byte[] buf, int offset, int length) {
        if (length > MAX_LINE || length <= 0) {
            return Optional.empty();
        }
        try (JsonParser p = mapper.getFactory().createParser(buf, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            long index = 0;
            long seq = 0;
            String topic = "";
            String camera = "";
            byte[] payload = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "n" -> index = p.getValueAsLong();
                    case "seq" -> seq = p.getValueAsLong();
                    case "topic" -> topic = p.getValueAsString("");
                    case "camera" -> camera = p.getValueAsString("");
                    case "payload" -> {
                        if (value != JsonToken.START_OBJECT) {
                            return Optional.empty();
                        }
                        int start = offset + (int) p.currentTokenLocation().getByteOffset();
                        p.skipChildren();
                        int end = offset + (int) p.currentLocation().getByteOffset();
                        payload = Arrays.copyOfRange(buf, start, end);
                    }
                    default -> {}
                }
                p.skipChildren(); // a field of an unexpected shape is passed over whole
            }
            if (p.currentToken() != JsonToken.END_OBJECT || payload == null) {
                return Optional.empty();
            }
            return Optional.of(new JournalEntry(index, topic, camera, seq, payload));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void remember(JournalEntry e) {
        lastIndex = Math.max(lastIndex, e.index());
        sequences.remember(e.cameraId(), e.cameraSeq());
    }

    // --- writing -----------------------------------------------------------------------------

    /**
     * Appends and fsyncs one entry; returns it with its index.
     *
     * @param topic topic suffix below {@code <prefix>/<gateway-id>/}, e.g. {@code events/mode}
     * @throws IllegalArgumentException when the topic is not a publishable suffix or the line is over {@value #MAX_LINE} bytes
     */
    public JournalEntry append(String topic, String cameraId, long cameraSeq, ObjectNode payload) throws IOException {
        requireTopicSuffix(topic);
        byte[] json = mapper.writeValueAsBytes(payload);
        JournalEntry e;
        lock.lock();
        try {
            if (active == null) {
                throw new IOException("journal " + dir + " is closed");
            }
            e = new JournalEntry(lastIndex + 1, topic, cameraId, cameraSeq, json);
            byte[] line = line(e, json);
            if (line.length + 1 > MAX_LINE) {
                throw new IllegalArgumentException(
                        "expected a journal line of at most " + MAX_LINE + " bytes but was " + (line.length + 1));
            }
            activeEnd = active.append(line);
            remember(e);
            if (activeEnd >= options.segmentBytes()) {
                seal();
            }
        } finally {
            lock.unlock();
        }
        for (Runnable l : listeners) {
            l.run();
        }
        return e;
    }

    /** {@code {"n":..,"topic":..,"camera":..,"seq":..,"payload":<json>}}: the payload goes in as the bytes it is. */
    private byte[] line(JournalEntry e, byte[] json) throws IOException {
        ObjectNode head = mapper.createObjectNode();
        head.put("n", e.index())
                .put("topic", e.topic())
                .put("camera", e.cameraId())
                .put("seq", e.cameraSeq());
        byte[] h = mapper.writeValueAsBytes(head); // ends in '}'
        byte[] field = ",\"payload\":".getBytes(StandardCharsets.US_ASCII);
        byte[] line = Arrays.copyOf(h, h.length - 1 + field.length + json.length + 1);
        System.arraycopy(field, 0, line, h.length - 1, field.length);
        System.arraycopy(json, 0, line, h.length - 1 + field.length, json.length);
        line[line.length - 1] = '}';
        return line;
    }

    /** Topic suffixes are non-empty MQTT topic names without wildcards, relative to the gateway's base. */
    static void requireTopicSuffix(String topic) {
        if (topic == null
                || topic.isEmpty()
                || topic.length() > 256
                || topic.startsWith("/")
                || topic.endsWith("/")
                || topic.indexOf('+') >= 0
                || topic.indexOf('#') >= 0
                || topic.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(
                    "journal topic must be a relative MQTT topic without wildcards but was '" + topic + "'");
        }
    }

    /** Seals the active segment and starts the next; on failure the active segment simply grows on. */
    private void seal() {
        Segment current = segments.get(segments.size() - 1);
        Segment next = Segment.in(dir, lastIndex + 1);
        LineFile<JournalEntry> nextChannel;
        try {
            sequences.record(lastIndex);
            Files.createFile(next.file);
            AtomicFiles.syncDirectory(dir); // entries fsync'd into the new segment must not lose its name
            try {
                nextChannel = LineFile.open(next.file, false, MAX_RECORD, this::parse, x -> {});
            } catch (IOException e) {
                Files.deleteIfExists(next.file); // the current segment stays the active one on disk too
                throw e;
            }
        } catch (IOException e) {
            LOG.warnf("journal %s: could not seal %s (%s); it keeps growing", dir, current, e.getMessage());
            return;
        }
        // from here the next segment exists on disk, so the switch must happen: every line of the
        // current one was fsync'd when it was appended, and a failed close loses none of them
        closeQuietly(active);
        current.sealedSize = activeEnd;
        segments.add(next);
        active = nextChannel;
        activeEnd = 0;
        LOG.debugf("journal %s: sealed %s, started %s", dir, current, next);
    }

    /** Called after every append (outside the journal's lock): wakes readers waiting for new entries. */
    public void addAppendListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeAppendListener(Runnable listener) {
        listeners.remove(listener);
    }

    // --- compaction --------------------------------------------------------------------------

    /**
     * Deletes sealed segments, oldest first, whose entries are all at or below
     * {@code bridgedThrough} and that are either older than the retention or needed to bring
     * the journal under its maximum size. Entries not yet bridged are never deleted.
     *
     * @return how many segments were deleted
     */
    public int compact(long bridgedThrough, Instant now) throws IOException {
        lock.lock();
        try {
            long total = activeEnd;
            for (Segment s : segments) {
                total += s.sealed() ? s.sealedSize : 0;
            }
            int deleted = 0;
            while (segments.size() > 1) {
                Segment oldest = segments.get(0);
                long lastOfOldest = segments.get(1).first - 1;
                if (lastOfOldest > bridgedThrough) {
                    break;
                }
                boolean expired =
                        Files.getLastModifiedTime(oldest.file).toInstant().isBefore(now.minus(options.retention()));
                boolean oversize = total > options.maxBytes();
                if (!expired && !oversize) {
                    break;
                }
                if (sequences.recordedThrough() < lastOfOldest) {
                    sequences.record(lastIndex); // the record must cover what is about to disappear
                }
                Files.deleteIfExists(oldest.file);
                total -= oldest.sealedSize;
                segments.remove(0);
                deleted++;
                LOG.infof(
                        "journal %s: deleted %s (bridged, %s)",
                        dir, oldest, expired ? "past retention" : "over max size");
            }
            if (total > options.maxBytes() && now.toEpochMilli() - lastOversizeWarning > 3_600_000L) {
                lastOversizeWarning = now.toEpochMilli();
                LOG.warnf(
                        "journal %s holds %d bytes, over its maximum of %d: entries after %d are not bridged yet and are kept",
                        dir, total, options.maxBytes(), bridgedThrough);
            }
            return deleted;
        } finally {
            lock.unlock();
        }
    }

    // --- reading -----------------------------------------------------------------------------

    /** A reader of the entries after {@code afterIndex}, in order. */
    public JournalReader reader(long afterIndex) {
        return new JournalReader(this, afterIndex);
    }

    /** The segment holding {@code index}, or the oldest one when it was deleted already. */
    Segment segmentFor(long index) {
        lock.lock();
        try {
            Segment found = segments.get(0);
            for (Segment s : segments) {
                if (s.first <= index) {
                    found = s;
                }
            }
            return found;
        } finally {
            lock.unlock();
        }
    }

    /** How many bytes of {@code s} may be read (whole lines only); -1 when it was deleted. */
    long readLimit(Segment s) {
        lock.lock();
        try {
            if (!segments.contains(s)) {
                return -1;
            }
            return s.sealed() ? s.sealedSize : activeEnd;
        } finally {
            lock.unlock();
        }
    }

    /** The segment after {@code s} once {@code s} is sealed, or null. */
    Segment after(Segment s) {
        lock.lock();
        try {
            int i = segments.indexOf(s);
            return i >= 0 && i + 1 < segments.size() ? segments.get(i + 1) : null;
        } finally {
            lock.unlock();
        }
    }

    // --- queries -----------------------------------------------------------------------------

    /** Highest sequence number journaled for a camera (0 if none), also after compaction. */
    public long lastSequence(String cameraId) {
        lock.lock();
        try {
            return sequences.last(cameraId);
        } finally {
            lock.unlock();
        }
    }

    public long lastIndex() {
        lock.lock();
        try {
            return lastIndex;
        } finally {
            lock.unlock();
        }
    }

    /** Index of the oldest entry still on disk (lastIndex() + 1 when the journal is empty). */
    public long firstIndex() {
        lock.lock();
        try {
            return segments.get(0).first;
        } finally {
            lock.unlock();
        }
    }

    public int segmentCount() {
        lock.lock();
        try {
            return segments.size();
        } finally {
            lock.unlock();
        }
    }

    public Path directory() {
        return dir;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (active != null) {
                active.close();
                active = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }

    private static void closeQuietly(LineFile<?> ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.warnf(
                        "journal: closing a segment failed (%s); its lines were fsync'd when appended", e.getMessage());
            }
        }
    }
}
