package io.motam.gateway.audit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log under a real kill -9 of a real process that is appending to it. */
class AuditLogCrashTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void killNine_whileAppending_leavesOnlyWholeLines_andNumberingContinues() throws Exception {
        Path file = tmp.resolve("audit.jsonl");
        for (int round = 0; round < 3; round++) {
            Files.deleteIfExists(Path.of(file + ".ready"));
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            AuditAppender.class.getName(),
                            file.toString(),
                            Integer.toString(200 + round * 700))
                    .redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("child-" + round + ".log").toFile())
                    .start();
            await("child appending").atMost(Duration.ofSeconds(30)).until(() -> Files.exists(Path.of(file + ".ready")));
            long before = Files.size(file);
            await("more lines written").atMost(Duration.ofSeconds(10)).until(() -> Files.size(file) > before + 2000);
            child.destroyForcibly(); // SIGKILL
            assertTrue(child.waitFor(10, TimeUnit.SECONDS), "child did not die");

            byte[] raw = Files.readAllBytes(file);
            long lastN;
            try (AuditLog reopened = AuditLog.open(file, mapper, Clock.systemUTC())) {
                lastN = reopened.lastIndex();
                assertAllLinesWholeAndNumbered(file, lastN);
                assertTrue(Files.size(file) <= raw.length);
                AuditEntry next = reopened.append("GRANTED", "after-crash", null, null, "round " + round);
                assertEquals(lastN + 1, next.n(), "numbering continues after the last whole line");
            }
            assertAllLinesWholeAndNumbered(file, lastN + 1);
        }
    }

    @Test
    void tornTail_isCutAtOpen_andTheNextAppendStartsOnAFreshLine() throws Exception {
        Path file = tmp.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file, mapper, Clock.systemUTC())) {
            log.append("GRANTED", "cam1", "ff", "a", "one");
            log.append("DENIED", "cam2", "ee", "b", "two");
        }
        Files.write(
                file,
                "{\"n\":3,\"ts\":\"2026-01-01T00:00:00Z\",\"act".getBytes(StandardCharsets.UTF_8),
                java.nio.file.StandardOpenOption.APPEND);
        try (AuditLog log = AuditLog.open(file, mapper, Clock.systemUTC())) {
            assertEquals(2, log.lastIndex());
            assertEquals(2, log.recent().size());
            log.append("REVOKED", "cam1", "ff", "a", "three");
        }
        assertAllLinesWholeAndNumbered(file, 3);
    }

    @Test
    void damagedLineBeforeWholeOnes_isSkipped_andTheEntriesAfterItStay() throws Exception {
        Path file = tmp.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file, mapper, Clock.systemUTC())) {
            log.append("GRANTED", "cam1", "ff", "a", "one");
            log.append("DENIED", "cam2", "ee", "b", "two");
            log.append("REVOKED", "cam1", "ff", "a", "three");
        }
        byte[] raw = Files.readAllBytes(file);
        int second = new String(raw, StandardCharsets.UTF_8).indexOf('\n') + 1;
        raw[second] = '#'; // a bad sector in line 2, not a torn write
        Files.write(file, raw);
        try (AuditLog log = AuditLog.open(file, mapper, Clock.systemUTC())) {
            assertEquals(3, log.lastIndex(), "the entry after the damage is kept");
            assertEquals(
                    List.of("one", "three"),
                    log.recent().stream().map(AuditEntry::reason).toList());
            assertEquals(raw.length, Files.size(file), "nothing was cut");
            assertEquals(4, log.append("GRANTED", "cam1", "ff", "a", "four").n(), "no number given twice");
        }
    }

    private void assertAllLinesWholeAndNumbered(Path file, long expectedLast) throws Exception {
        byte[] raw = Files.readAllBytes(file);
        assertTrue(raw.length == 0 || raw[raw.length - 1] == '\n', "file ends with a whole line");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode n = mapper.readTree(lines.get(i));
            assertEquals(i + 1, n.path("n").asLong(), "line " + (i + 1));
            assertTrue(n.hasNonNull("action") && n.hasNonNull("ts"), lines.get(i));
        }
        assertEquals(expectedLast, lines.size());
    }
}
