package io.motam.gateway.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.motam.domain.FileKind;
import io.motam.domain.Verdict;
import io.motam.gateway.audit.AuditLog;
import io.motam.gateway.backup.BackupStore;
import io.motam.gateway.backup.Retention;
import io.motam.gateway.journal.EventJournal;
import io.motam.gateway.journal.JournalSettings;
import io.motam.gateway.testing.ManualClock;
import io.motam.protocol.delivery.Outbox;
import io.motam.protocol.frame.Frame;
import io.motam.protocol.message.Recognition;
import io.motam.storage.AppendOnlyFile;
import io.motam.storage.Fatal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's append-only files (journal, audit log, backup index) and the camera's outbox on a
 * real full disk (a small tmpfs the test mounts) and with a failing fsync (an injected channel):
 * no partial record survives a failed write, a failed fsync stops the process, and after
 * recovery no number is given twice.
 */
class AppendOnlyFailuresTest {
    private static final int DISK_KIB = 192;
    private static final int MAX_APPENDS = 100_000;
    /** The outbox's frame file. */
    private static final String FRAMES = "outbox.frames";

    private final ObjectMapper mapper = new ObjectMapper();
    private final List<Integer> stops = new CopyOnWriteArrayList<>();
    private final List<FaultyChannel> channels = new CopyOnWriteArrayList<>();

    @TempDir
    Path tmp;

    @AfterEach
    void restoreHooks() {
        AppendOnlyFile.replaceOpener(null);
        Fatal.replaceStop(null);
    }

    private void observeStops() {
        Fatal.replaceStop(stops::add);
    }

    private ObjectNode payload(int i) {
        ObjectNode n = mapper.createObjectNode();
        n.put("event", i).put("text", "x".repeat(300));
        return n;
    }

    // --- full disk --------------------------------------------------------------------------

    @Test
    void journal_diskFullMidAppend_keepsNoPartialLine_andNoIndexTwiceAfterRecovery() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(tmp, DISK_KIB)) {
            Path dir = disk.root.resolve("journal");
            long appended;
            try (EventJournal journal = EventJournal.open(dir, mapper, JournalSettings.defaults())) {
                journal.append("events/recognition", "cam1", 1, payload(1));
                disk.fill();
                long sizeBefore = -1;
                IOException full = null;
                for (int i = 2; i < MAX_APPENDS && full == null; i++) {
                    sizeBefore = segmentBytes(dir);
                    try {
                        journal.append("events/recognition", "cam1", i, payload(i));
                    } catch (IOException e) {
                        full = e;
                    }
                }
                assertTrue(full != null, "the disk never filled up");
                assertEquals(sizeBefore, segmentBytes(dir), "the failed line was cut back");
                appended = journal.lastIndex();
                disk.free();
                assertEquals(
                        appended + 1,
                        journal.append("events/recognition", "cam1", 999, payload(999))
                                .index(),
                        "the failed append took no index");
            }
            long sizeAtClose = segmentBytes(dir);
            try (EventJournal reopened = EventJournal.open(dir, mapper, JournalSettings.defaults())) {
                assertEquals(appended + 1, reopened.lastIndex());
                assertEquals(sizeAtClose, segmentBytes(dir), "nothing to cut at open: no torn line was left");
            }
            assertLinesNumbered(journalLines(dir), "n", appended + 1);
        }
    }

    @Test
    void audit_diskFullMidAppend_keepsNoPartialLine_andNumberingContinues() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(tmp, DISK_KIB)) {
            Path file = disk.root.resolve("audit.jsonl");
            long last;
            try (AuditLog log = AuditLog.open(file, mapper, Clock.systemUTC())) {
                log.append("GRANTED", "cam1", "ab", "addr", "first");
                disk.fill();
                long sizeBefore = -1;
                boolean full = false;
                for (int i = 2; i < MAX_APPENDS && !full; i++) {
                    sizeBefore = Files.size(file);
                    try {
                        log.append("DENIED", "cam" + i, "ab".repeat(32), "addr", "entry " + i + " " + "y".repeat(200));
                    } catch (UncheckedIOException e) {
                        full = true;
                    }
                }
                assertTrue(full, "the disk never filled up");
                assertEquals(sizeBefore, Files.size(file), "the failed line was cut back");
                last = log.lastIndex();
                disk.free();
                assertEquals(
                        last + 1,
                        log.append("GRANTED", "cam1", "ab", "addr", "after").n());
            }
            long sizeAtClose = Files.size(file);
            try (AuditLog reopened = AuditLog.open(file, mapper, Clock.systemUTC())) {
                assertEquals(last + 1, reopened.lastIndex());
                assertEquals(sizeAtClose, Files.size(file), "nothing to cut at open");
            }
            assertLinesNumbered(Files.readAllLines(file, StandardCharsets.UTF_8), "n", last + 1);
        }
    }

    @Test
    void backupIndex_diskFullWhileIndexing_storesNothing_andTheResendIsStoredOnce() throws Exception {
        ManualClock clock = new ManualClock();
        try (SmallDisk disk = SmallDisk.mount(tmp, DISK_KIB)) {
            Path root = disk.root.resolve("backup");
            Retention.Limits limits = new Retention.Limits(Duration.ofDays(30), 1 << 20);
            byte[] content = "evidence ".repeat(100).getBytes(StandardCharsets.UTF_8);
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(content);
            int stored = 0;
            try (BackupStore store = BackupStore.open(root, limits, mapper, clock)) {
                Path index = root.resolve("index.jsonl");
                Path first = store.incomingDir().resolve("rx-first");
                Files.write(first, content);
                store.store(
                        "cam1", FileKind.SNAPSHOT, "first.jpg", first, sha); // the index holds a line: a partial page
                stored++;
                disk.fill();
                IOException full = null;
                long indexBefore = -1;
                // small files take their place by rename; each adds an index line until the disk is full
                for (int i = 0; i < 2_000 && full == null; i++) {
                    byte[] c = ("snapshot " + i).getBytes(StandardCharsets.UTF_8);
                    Path received = store.incomingDir().resolve("rx-" + i);
                    disk.free();
                    Files.write(received, c);
                    disk.fill();
                    indexBefore = Files.size(index);
                    try {
                        store.store(
                                "cam1",
                                FileKind.SNAPSHOT,
                                "s" + i + ".jpg",
                                received,
                                MessageDigest.getInstance("SHA-256").digest(c));
                        stored++;
                    } catch (IOException e) {
                        full = e;
                    }
                }
                assertTrue(full != null, "the disk never filled up");
                assertEquals(indexBefore, Files.size(index), "the failed index line was cut back");
                assertEquals(stored, store.fileCount());
                try (Stream<Path> files =
                        Files.list(root.resolve("cam1").resolve("2026-11-23").resolve("snapshot"))) {
                    assertEquals(stored, files.count(), "the file whose index line failed is not left in the store");
                }
                disk.free();
                byte[] again = "evidence again".getBytes(StandardCharsets.UTF_8);
                sha = MessageDigest.getInstance("SHA-256").digest(again);
                Path received = store.incomingDir().resolve("rx-again");
                Files.write(received, again);
                store.store("cam1", FileKind.SNAPSHOT, "again.jpg", received, sha);
                Path twice = store.incomingDir().resolve("rx-twice");
                Files.write(twice, again);
                store.store("cam1", FileKind.SNAPSHOT, "again.jpg", twice, sha);
                assertTrue(store.holds("cam1", FileKind.SNAPSHOT, sha));
            }
            try (BackupStore reopened = BackupStore.open(root, limits, mapper, clock)) {
                assertEquals(stored + 1, reopened.fileCount(), "every indexed file, the resent one once");
                assertTrue(reopened.holds("cam1", FileKind.SNAPSHOT, sha));
            }
            List<String> lines = Files.readAllLines(root.resolve("index.jsonl"), StandardCharsets.UTF_8);
            Set<String> paths = new HashSet<>();
            for (String line : lines) {
                JsonNode n = mapper.readTree(line);
                assertEquals("add", n.path("op").asText(), line);
                assertTrue(paths.add(n.path("path").asText()), "indexed twice: " + line);
            }
            assertEquals(stored + 1, lines.size());
        }
    }

    @Test
    void outbox_diskFullMidAppend_keepsNoPartialFrame_andNumbersContinue() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(tmp, DISK_KIB)) {
            Path dir = disk.root.resolve("outbox");
            long last;
            try (Outbox outbox = Outbox.open(dir, MAX_APPENDS)) {
                outbox.add(event(0));
                disk.fill();
                boolean full = false;
                long sizeBefore = -1;
                for (int i = 1; i < MAX_APPENDS && !full; i++) {
                    sizeBefore = Files.size(dir.resolve(FRAMES));
                    try {
                        outbox.add(event(i));
                    } catch (IOException e) {
                        full = true;
                    }
                }
                assertTrue(full, "the disk never filled up");
                assertEquals(sizeBefore, Files.size(dir.resolve(FRAMES)), "the failed frame was cut back");
                last = outbox.lastSequence();
                disk.free();
                assertEquals(last + 1, outbox.add(event(MAX_APPENDS)), "the failed event took no number");
            }
            long sizeAtClose = Files.size(dir.resolve(FRAMES));
            try (Outbox reopened = Outbox.open(dir, MAX_APPENDS)) {
                assertEquals(sizeAtClose, Files.size(dir.resolve(FRAMES)), "nothing to cut at open");
                List<Frame> pending = reopened.next(0, MAX_APPENDS);
                assertEquals(last + 1, pending.size());
                for (int i = 0; i < pending.size(); i++) {
                    assertEquals(i + 1, pending.get(i).sequence(), "frame " + i);
                }
            }
        }
    }

    // --- failed fsync -----------------------------------------------------------------------

    @Test
    void journal_failedFsync_stopsTheProcess_andNoIndexIsWrittenTwice() throws Exception {
        observeStops();
        AppendOnlyFile.replaceOpener(
                FaultyChannel.opener(p -> p.getFileName().toString().startsWith("events-"), channels::add));
        Path dir = tmp.resolve("journal");
        try (EventJournal journal = EventJournal.open(dir, mapper, JournalSettings.defaults())) {
            journal.append("events/mode", "cam1", 1, payload(1));
            journal.append("events/mode", "cam1", 2, payload(2));
            channels.get(channels.size() - 1).failNext(FaultyChannel.Fault.FAILED_FSYNC);
            assertThrows(Fatal.FatalStorageException.class, () -> journal.append("events/mode", "cam1", 3, payload(3)));
            assertEquals(List.of(Fatal.EXIT_STATUS), stops, "the process was told to stop");
            assertThrows(
                    IOException.class,
                    () -> journal.append("events/mode", "cam1", 4, payload(4)),
                    "nothing is appended after a failed fsync");
            assertEquals(2, journal.lastIndex());
        }
        AppendOnlyFile.replaceOpener(null);
        try (EventJournal restarted = EventJournal.open(dir, mapper, JournalSettings.defaults())) {
            long recovered = restarted.lastIndex(); // the line whose fsync failed may or may not be there
            assertTrue(recovered == 2 || recovered == 3, "recovered " + recovered);
            assertEquals(
                    recovered + 1,
                    restarted.append("events/mode", "cam1", 5, payload(5)).index());
        }
        List<String> lines = journalLines(dir);
        assertLinesNumbered(lines, "n", lines.size());
    }

    @Test
    void jsonLines_shortWrite_isCutBack_andFailedFsyncStops() throws Exception {
        observeStops();
        AppendOnlyFile.replaceOpener(
                FaultyChannel.opener(p -> p.getFileName().toString().equals("audit.jsonl"), channels::add));
        Path file = tmp.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file, mapper, Clock.systemUTC())) {
            log.append("GRANTED", "cam1", "ab", "addr", "one");
            long size = Files.size(file);
            channels.get(0).failNext(FaultyChannel.Fault.SHORT_WRITE);
            assertThrows(UncheckedIOException.class, () -> log.append("DENIED", "cam2", "cd", "addr", "two"));
            assertEquals(size, Files.size(file), "the 7 bytes written before the failure were cut");
            assertTrue(stops.isEmpty(), "a failed write is not fatal");
            assertEquals(
                    2, log.append("DENIED", "cam2", "cd", "addr", "two again").n());
            channels.get(0).failNext(FaultyChannel.Fault.FAILED_FSYNC);
            assertThrows(UncheckedIOException.class, () -> log.append("REVOKED", "cam2", "cd", "addr", "three"));
            assertEquals(List.of(Fatal.EXIT_STATUS), stops);
            assertThrows(UncheckedIOException.class, () -> log.append("REVOKED", "cam2", "cd", "addr", "four"));
        }
        AppendOnlyFile.replaceOpener(null);
        try (AuditLog reopened = AuditLog.open(file, mapper, Clock.systemUTC())) {
            long last = reopened.lastIndex();
            assertEquals(
                    last + 1,
                    reopened.append("GRANTED", "cam1", "ab", "addr", "after restart")
                            .n());
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertLinesNumbered(lines, "n", lines.size());
        assertFalse(lines.stream().anyMatch(l -> l.contains("\"four\"")), "nothing appended after the failed fsync");
    }

    // --- helpers ----------------------------------------------------------------------------

    private static Recognition event(int i) {
        return new Recognition(new UUID(7, i), Instant.ofEpochMilli(1_700_000_000_000L + i), Verdict.KNOWN, i, 60, 1);
    }

    private static long segmentBytes(Path dir) throws IOException {
        long total = 0;
        for (Path p : segments(dir)) {
            total += Files.size(p);
        }
        return total;
    }

    private static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("events-"))
                    .sorted()
                    .toList();
        }
    }

    private static List<String> journalLines(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path p : segments(dir)) {
            byte[] raw = Files.readAllBytes(p);
            assertTrue(raw.length == 0 || raw[raw.length - 1] == '\n', p + " ends with a whole line");
            out.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Every line is a whole JSON object numbered 1, 2, ... {@code last}: none damaged, none twice. */
    private void assertLinesNumbered(List<String> lines, String field, long last) throws IOException {
        for (int i = 0; i < lines.size(); i++) {
            JsonNode n;
            try {
                n = mapper.readTree(lines.get(i));
            } catch (IOException e) {
                fail("line " + (i + 1) + " is damaged: " + lines.get(i));
                return;
            }
            assertEquals(i + 1, n.path(field).asLong(), "line " + (i + 1));
        }
        assertEquals(last, lines.size());
    }
}
