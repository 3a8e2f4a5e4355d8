package io.motam.gateway.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.motam.storage.AppendOnlyFile;
import io.motam.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * An append-only file of JSON objects, one per line, each fsync'd before {@link #append}
 * returns.
 *
 * <pre>
 *   {"k":"v",...}\n      complete line: kept
 *   {"k":"v",...}\n
 *   {"k":"v             torn tail (crash mid-write): cut off at open, never read as a record
 * </pre>
 *
 * <p>At open every line is parsed; the file is truncated after the last line that is a complete
 * JSON object ending in {@code \n}, so a torn or corrupt tail never survives into the next
 * append. A damaged line with complete ones after it is skipped and logged, never a reason to
 * cut the records that follow. Lines are written through an {@link AppendOnlyFile}: a write that
 * fails part-way (disk full) is cut back, so the file never keeps half a line, and a failed fsync
 * stops the process.
 */
public final class JsonLinesFile implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(JsonLinesFile.class);
    /** Longest line accepted when reading back; a longer one ends the good part of the file. */
    public static final int MAX_LINE = 64 * 1024;

    private final Path file;
    private final ObjectMapper mapper;
    private final AppendOnlyFile channel;
    private final ReentrantLock lock = new ReentrantLock();
    private long lines;

    private JsonLinesFile(Path file, ObjectMapper mapper, AppendOnlyFile channel, long lines) {
        this.file = file;
        this.mapper = mapper;
        this.channel = channel;
        this.lines = lines;
    }

    /**
     * Opens (or creates, owner-only when asked) the file, cuts a torn tail and hands every good
     * line, in order, to {@code replay}.
     */
    public static JsonLinesFile open(Path file, ObjectMapper mapper, boolean ownerOnly, Consumer<ObjectNode> replay)
            throws IOException {
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        if (!Files.exists(abs)) {
            AtomicFiles.createFile(abs, ownerOnly);
        }
        byte[] all = Files.readAllBytes(abs);
        List<ObjectNode> good = new ArrayList<>();
        long goodLength = scan(abs, all, mapper, good);
        if (goodLength < all.length) {
            LOG.warnf("%s: cut %d bytes of a torn or corrupt tail after line %d", abs, all.length - goodLength,
                    good.size());
        }
        AppendOnlyFile ch = AppendOnlyFile.open(abs, goodLength);
        try {
            good.forEach(replay);
            return new JsonLinesFile(abs, mapper, ch, good.size());
        } catch (RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Hands every good line of a file that is no longer written (a rotated one), in order, to
     * {@code replay}, without changing it; returns how many there were.
     */
    public static long read(Path file, ObjectMapper mapper, Consumer<ObjectNode> replay) throws IOException {
        List<ObjectNode> good = new ArrayList<>();
        scan(file, Files.readAllBytes(file), mapper, good);
        good.forEach(replay);
        return good.size();
    }

    /** Parses complete lines into {@code out} ({@link LineScan}); returns the length up to the end of the last good line. */
    static long scan(Path file, byte[] all, ObjectMapper mapper, List<ObjectNode> out) {
        return LineScan.scan(all, (b, from, length) -> Optional.ofNullable(parse(mapper, b, from, length)), out::add,
                at -> LOG.errorf("%s: unreadable line at byte %d skipped", file, at));
    }

    private static ObjectNode parse(ObjectMapper mapper, byte[] all, int from, int length) {
        if (length > MAX_LINE || length == 0) {
            return null;
        }
        try {
            JsonNode n = mapper.readTree(new String(all, from, length, StandardCharsets.UTF_8));
            return n instanceof ObjectNode o ? o : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * Appends one object as a line and fsyncs it.
     *
     * @throws IOException when the line could not be written; the file then ends after the line before
     */
    public void append(ObjectNode record) throws IOException {
        byte[] json = mapper.writeValueAsBytes(record);
        if (json.length > MAX_LINE) {
            throw new IOException("record of " + json.length + " bytes is over the line limit " + MAX_LINE);
        }
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        lock.lock();
        try {
            channel.append(line);
            lines++;
        } finally {
            lock.unlock();
        }
    }

    /** Lines in the file (recovered plus appended). */
    public long lineCount() {
        lock.lock();
        try {
            return lines;
        } finally {
            lock.unlock();
        }
    }

    public Path path() {
        return file;
    }

    /** Bytes in the file. */
    public long size() throws IOException {
        lock.lock();
        try {
            return channel.end();
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
