package io.motam.gateway.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventJournalTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Smallest segments allowed: a few hundred of our test lines each. */
    private static final JournalSettings SMALL =
            new JournalSettings(JournalSettings.MIN_SEGMENT_BYTES, Duration.ofDays(30), 1L << 30);

    @TempDir
    Path dir;

    private static ObjectNode payload(String id) {
        ObjectNode n = EventJson.header(MAPPER, id, "cam1", Instant.parse("2026-11-25T10:00:00Z"));
        n.put("pad", "x".repeat(200));
        return n;
    }

    private static List<JournalEntry> readAll(EventJournal j, long after) throws IOException {
        List<JournalEntry> out = new ArrayList<>();
        try (JournalReader r = j.reader(after)) {
            for (JournalEntry e = r.next(); e != null; e = r.next()) {
                out.add(e);
            }
        }
        return out;
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(Segment.PREFIX))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void append_thenReopen_keepsEntriesIndexesAndLastSequence() throws IOException {
        try (EventJournal j = EventJournal.open(dir, MAPPER, JournalSettings.defaults())) {
            j.append("events/mode", "cam1", 1, payload("a"));
            j.append("events/mode", "cam1", 2, payload("b"));
            j.append("cmd/result", "gw1", 0, payload("c"));
        }
        try (EventJournal j = EventJournal.open(dir, MAPPER, JournalSettings.defaults())) {
            assertEquals(3, j.lastIndex());
            assertEquals(2, j.lastSequence("cam1"));
            assertEquals(0, j.lastSequence("gw1"));
            List<JournalEntry> all = readAll(j, 0);
            assertEquals(
                    List.of("a", "b", "c"),
                    all.stream().map(e -> e.payloadTree().get("id").asText()).toList());
            assertEquals(4, j.append("events/mode", "cam1", 3, payload("d")).index());
        }
    }

    @Test
    void reopen_tornLastLine_isCutAndTheNextAppendFollowsTheLastWholeEntry() throws IOException {
        try (EventJournal j = EventJournal.open(dir, MAPPER, JournalSettings.defaults())) {
            j.append("events/mode", "cam1", 1, payload("a"));
        }
        Files.writeString(segmentFiles().get(0), "{\"n\":2,\"topic\":\"events/mo", StandardOpenOption.APPEND);
        try (EventJournal j = EventJournal.open(dir, MAPPER, JournalSettings.defaults())) {
            assertEquals(1, j.lastIndex());
            j.append("events/mode", "cam1", 2, payload("b"));
            assertEquals(
                    List.of(1L, 2L),
                    readAll(j, 0).stream().map(JournalEntry::index).toList());
        }
    }

    @Test
    void reopen_damagedLineBeforeWholeEntries_skipsItAndKeepsTheEntriesAfterIt() throws IOException {
        try (EventJournal j = EventJournal.open(dir, MAPPER, JournalSettings.defaults())) {
            j.append("events/mode", "cam1", 1, payload("a"));
            j.append("events/mode", "cam1", 2, payload("b"));
            j.append("events/mode", "cam1", 3, payload("c"));
        }
        Path segment = segmentFiles().get(0);
        byte[] bytes = Files.readAllBytes(segment);
        int second = indexOf(bytes, (byte) '\n') + 1;
        bytes[second] = '#'; // the second line no longer parses; its length and newline stay
        Files.write(segment, bytes);
        try (EventJournal j = EventJournal.open(dir, MAPPER, JournalSettings.defaults())) {
            assertEquals(3, j.lastIndex(), "the fsync'd entry after the damage is kept");
            assertEquals(3, j.lastSequence("cam1"));
            assertEquals(bytes.length, Files.size(segment), "nothing was cut");
            assertEquals(
                    List.of(1L, 3L),
                    readAll(j, 0).stream().map(JournalEntry::index).toList());
            assertEquals(4, j.append("events/mode", "cam1", 4, payload("d")).index(), "index 3 is not given again");
        }
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void append_pastSegmentSize_sealsSegmentsAndTheReaderCrossesThem() throws IOException {
        try (EventJournal j = EventJournal.open(dir, MAPPER, SMALL)) {
            for (int i = 1; i <= 700; i++) {
                j.append("events/recognition", "cam1", i, payload("e" + i));
            }
            assertTrue(j.segmentCount() >= 3, "segments: " + j.segmentCount());
            List<JournalEntry> all = readAll(j, 0);
            assertEquals(700, all.size());
            for (int i = 0; i < all.size(); i++) {
                assertEquals(i + 1, all.get(i).index());
            }
            assertEquals(
                    List.of(501L, 502L),
                    readAll(j, 500).stream().limit(2).map(JournalEntry::index).toList());
        }
        assertTrue(Files.exists(dir.resolve(EventJournal.SEQUENCES_FILE)));
    }

    @Test
    void reader_atTheEnd_returnsNullThenTheNextAppend() throws IOException {
        try (EventJournal j = EventJournal.open(dir, MAPPER, SMALL);
                JournalReader r = j.reader(0)) {
            assertNull(r.next());
            j.append("events/mode", "cam1", 1, payload("a"));
            assertEquals(1, r.next().index());
            assertNull(r.next());
            for (int i = 2; i <= 600; i++) {
                j.append("events/mode", "cam1", i, payload("e" + i));
            }
            long last = 1;
            for (JournalEntry e = r.next(); e != null; e = r.next()) {
                assertEquals(last + 1, e.index());
                last = e.index();
            }
            assertEquals(600, last);
        }
    }

    @Test
    void compact_bridgedSegmentsPastRetention_deletedAndLastSequenceSurvivesReopen() throws IOException {
        try (EventJournal j = EventJournal.open(dir, MAPPER, SMALL)) {
            for (int i = 1; i <= 700; i++) {
                j.append("events/recognition", i % 2 == 0 ? "cam1" : "cam2", i, payload("e" + i));
            }
            int before = j.segmentCount();
            for (Path p : segmentFiles()) {
                Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(Duration.ofDays(40))));
            }
            int deleted = j.compact(j.lastIndex(), Instant.now());
            assertEquals(before - 1, deleted); // the active segment stays
            assertEquals(1, j.segmentCount());
        }
        try (EventJournal j = EventJournal.open(dir, MAPPER, SMALL)) {
            assertEquals(700, j.lastSequence("cam1"));
            assertEquals(699, j.lastSequence("cam2"));
            assertEquals(700, j.lastIndex());
            assertEquals(
                    701, j.append("events/mode", "cam1", 701, payload("next")).index());
        }
    }

    @Test
    void compact_neverDeletesEntriesNotYetBridged() throws IOException {
        try (EventJournal j = EventJournal.open(
                dir,
                MAPPER,
                new JournalSettings(
                        JournalSettings.MIN_SEGMENT_BYTES, Duration.ZERO, JournalSettings.MIN_SEGMENT_BYTES))) {
            for (int i = 1; i <= 700; i++) {
                j.append("events/recognition", "cam1", i, payload("e" + i));
            }
            int before = j.segmentCount();
            assertEquals(0, j.compact(0, Instant.now()));
            assertEquals(before, j.segmentCount());
            j.compact(300, Instant.now());
            assertTrue(j.firstIndex() <= 301, "first kept entry " + j.firstIndex());
            assertEquals(700 - j.firstIndex() + 1, readAll(j, 0).size());
        }
    }

    @Test
    void compact_overMaxSize_deletesOldestBridgedEvenWithinRetention() throws IOException {
        try (EventJournal j = EventJournal.open(
                dir,
                MAPPER,
                new JournalSettings(
                        JournalSettings.MIN_SEGMENT_BYTES,
                        Duration.ofDays(30),
                        2 * JournalSettings.MIN_SEGMENT_BYTES))) {
            for (int i = 1; i <= 900; i++) {
                j.append("events/recognition", "cam1", i, payload("e" + i));
            }
            j.compact(j.lastIndex(), Instant.now());
            long total = 0;
            for (Path p : segmentFiles()) {
                total += Files.size(p);
            }
            assertTrue(
                    total <= 2 * JournalSettings.MIN_SEGMENT_BYTES + JournalSettings.MIN_SEGMENT_BYTES,
                    "bytes " + total);
            assertTrue(j.firstIndex() > 1);
        }
    }

    @Test
    void read_payload_isTheJsonBytesJournaled_asTheBridgePublishesThem() throws IOException {
        ObjectNode p = payload("a");
        p.put("distance", 0.5).put("text", "quote \" and \u00e9").putNull("none");
        p.putObject("nested").putArray("list").add(1).addObject().put("k", "}");
        byte[] expected = MAPPER.writeValueAsBytes(p);
        try (EventJournal j = EventJournal.open(dir, MAPPER, JournalSettings.defaults())) {
            JournalEntry appended = j.append("events/recognition", "cam1", 1, p);
            assertArrayEquals(expected, appended.payload());
            JournalEntry read = readAll(j, 0).get(0);
            assertArrayEquals(expected, read.payload());
            assertEquals(appended, read);
        }
    }

    @Test
    void open_lineWithFieldsInAnotherOrderAndUnknownFields_readsItsPayloadBytes() throws IOException {
        Files.writeString(
                dir.resolve(Segment.name(1)),
                "{\"payload\":{\"id\":\"x\",\"a\":[1,{\"b\":\"}\"}]},\"extra\":{\"deep\":[1,2]},\"seq\":7,"
                        + "\"camera\":\"cam1\",\"topic\":\"events/mode\",\"n\":1}\n"
                        + "{\"n\":2,\"topic\":\"events/mode\",\"camera\":\"cam1\",\"seq\":8,\"payload\":[1]}\n"
                        + "{\"n\":3,\"topic\":{\"odd\":1},\"camera\":\"cam1\",\"seq\":9,\"payload\":{\"id\":\"z\"}}\n",
                StandardCharsets.UTF_8);
        try (EventJournal j = EventJournal.open(dir, MAPPER, JournalSettings.defaults())) {
            List<JournalEntry> all = readAll(j, 0);
            assertEquals(2, all.size(), "a payload that is not an object is no entry");
            assertEquals("{\"id\":\"x\",\"a\":[1,{\"b\":\"}\"}]}", all.get(0).payloadText());
            assertEquals(7, all.get(0).cameraSeq());
            assertEquals("events/mode", all.get(0).topic());
            assertEquals(3, all.get(1).index());
            assertEquals("{\"id\":\"z\"}", all.get(1).payloadText());
            assertEquals(9, j.lastSequence("cam1"));
        }
    }

    @Test
    void append_topicWithWildcardOrEmpty_isRefused() throws IOException {
        try (EventJournal j = EventJournal.open(dir, MAPPER, JournalSettings.defaults())) {
            for (String bad : new String[] {"events/#", "events/+/x", "", "/events", "events/"}) {
                assertThrows(IllegalArgumentException.class, () -> j.append(bad, "cam1", 0, payload("a")), bad);
            }
            assertEquals(0, j.lastIndex());
        }
    }

    @Test
    void append_lineOverLimit_isRefusedAndNothingIsWritten() throws IOException {
        try (EventJournal j = EventJournal.open(dir, MAPPER, JournalSettings.defaults())) {
            ObjectNode big = payload("big").put("pad", "x".repeat(EventJournal.MAX_LINE));
            assertThrows(IllegalArgumentException.class, () -> j.append("events/mode", "cam1", 1, big));
            assertEquals(0, j.lastIndex());
            assertEquals(0, Files.size(segmentFiles().get(0)));
        }
    }

    @Test
    void segmentName_roundTripsAndRejectsOtherFiles() {
        assertEquals(42L, Segment.firstIndexOf(Segment.name(42)).orElseThrow());
        assertTrue(Segment.firstIndexOf("events.jsonl").isEmpty());
        assertTrue(Segment.firstIndexOf("events-0000000000000000000x.jsonl").isEmpty());
        assertTrue(Segment.firstIndexOf("events-99999999999999999999.jsonl").isEmpty());
        assertTrue(Segment.firstIndexOf("events-00000000000000000000.jsonl").isEmpty());
    }
}
