package io.motam.gateway.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * The gateway's durable, append-only event journal: one JSON object per line, fsync'd before
 * {@link #append} returns, so that an ack sent after it never refers to a lost event.
 *
 * <p>Line layout: {@code {"n":<index>,"topic":"events/mode","camera":"cam1","seq":<camera seq>,"payload":{...}}}.
 * At open, a torn last line (a crash mid-write) is cut off; everything before it is kept.
 * Entries not yet consumed by the MQTT bridge stay in memory (see {@link #trimThrough}); the
 * highest sequence number per camera is rebuilt from the file so duplicates are recognised
 * after a restart.
 */
public final class EventJournal implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EventJournal.class);
    /** Longest journal line accepted when reading back (events are small; snapshots are files). */
    static final int MAX_LINE = 64 * 1024;

    private final ObjectMapper mapper;
    private final Path file;
    private final FileChannel channel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final Deque<JournalEntry> unconsumed = new ArrayDeque<>();
    private final Map<String, Long> lastSeqByCamera = new HashMap<>();
    private long lastIndex;

    private EventJournal(ObjectMapper mapper, Path file, FileChannel channel) {
        this.mapper = mapper;
        this.file = file;
        this.channel = channel;
    }

    /** Opens (or creates) the journal and replays it; entries after {@code consumedThrough} stay pending. */
    public static EventJournal open(Path file, ObjectMapper mapper, long consumedThrough) throws IOException {
        Files.createDirectories(file.getParent());
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        EventJournal j = new EventJournal(mapper, file, ch);
        j.replay(consumedThrough);
        return j;
    }

    private void replay(long consumedThrough) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int lineStart = 0;
        long goodLength = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] != '\n') {
                continue;
            }
            String line = new String(all, lineStart, i - lineStart, StandardCharsets.UTF_8);
            lineStart = i + 1;
            JournalEntry e = parse(line);
            if (e == null) {
                break;
            }
            goodLength = lineStart;
            remember(e, consumedThrough);
        }
        if (goodLength < all.length) {
            LOG.warnf("journal %s: cut %d bytes of a torn or corrupt tail after entry %d", file, all.length - goodLength, lastIndex);
            channel.truncate(goodLength);
            channel.force(true);
        }
        channel.position(goodLength);
        LOG.infof("journal %s: %d entries, %d not yet bridged", file, lastIndex, unconsumed.size());
    }

    private JournalEntry parse(String line) {
        if (line.length() > MAX_LINE) {
            return null;
        }
        try {
            JsonNode n = mapper.readTree(line);
            if (!(n instanceof ObjectNode o) || !(o.get("payload") instanceof ObjectNode payload)) {
                return null;
            }
            return new JournalEntry(o.path("n").asLong(), o.path("topic").asText(), o.path("camera").asText(),
                    o.path("seq").asLong(), payload);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

    private void remember(JournalEntry e, long consumedThrough) {
        lastIndex = e.index();
        if (e.cameraSeq() > 0) {
            lastSeqByCamera.merge(e.cameraId(), e.cameraSeq(), Math::max);
        }
        if (e.index() > consumedThrough) {
            unconsumed.addLast(e);
        }
    }

    /** Appends and fsyncs one entry; returns it with its index. */
    public JournalEntry append(String topic, String cameraId, long cameraSeq, ObjectNode payload) throws IOException {
        lock.lock();
        try {
            JournalEntry e = new JournalEntry(lastIndex + 1, topic, cameraId, cameraSeq, payload);
            ObjectNode line = mapper.createObjectNode();
            line.put("n", e.index()).put("topic", topic).put("camera", cameraId).put("seq", cameraSeq);
            line.set("payload", payload);
            byte[] bytes = (mapper.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
            remember(e, 0);
            appended.signalAll();
            return e;
        } finally {
            lock.unlock();
        }
    }

    /** Highest sequence number journaled for a camera (0 if none). */
    public long lastSequence(String cameraId) {
        lock.lock();
        try {
            return lastSeqByCamera.getOrDefault(cameraId, 0L);
        } finally {
            lock.unlock();
        }
    }

    /** Up to {@code max} pending entries after {@code index}, waiting up to {@code wait} for one to appear. */
    public List<JournalEntry> awaitAfter(long index, int max, Duration wait) throws InterruptedException {
        lock.lock();
        try {
            long deadline = System.nanoTime() + wait.toNanos();
            while (lastIndex <= index) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return List.of();
                }
                appended.await(left, TimeUnit.NANOSECONDS);
            }
            List<JournalEntry> out = new ArrayList<>(Math.min(max, unconsumed.size()));
            for (JournalEntry e : unconsumed) {
                if (e.index() > index) {
                    out.add(e);
                    if (out.size() == max) {
                        break;
                    }
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** The bridge delivered everything up to {@code index}: drop it from memory (it stays on disk). */
    public void trimThrough(long index) {
        lock.lock();
        try {
            while (!unconsumed.isEmpty() && unconsumed.peekFirst().index() <= index) {
                unconsumed.removeFirst();
            }
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

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
