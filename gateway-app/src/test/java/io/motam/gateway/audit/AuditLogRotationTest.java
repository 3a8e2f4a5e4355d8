package io.motam.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.motam.gateway.storage.JsonLinesFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log stays within its rotation bounds and numbers entries on across files and restarts. */
class AuditLogRotationTest {
    private static final AuditLog.Rotation SMALL = new AuditLog.Rotation(128 * 1024, 2);
    private static final String REASON = "x".repeat(1000); // about 1.2 KiB a line: ~110 lines per file

    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path tmp;

    private List<Long> numbers(Path file) throws Exception {
        List<Long> n = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n.add(mapper.readTree(line).path("n").asLong());
        }
        return n;
    }

    @Test
    void append_pastTheRotationSize_keepsTheNewestFilesAndNumbersOnWithoutGaps() throws Exception {
        Path live = tmp.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(live, mapper, Clock.systemUTC(), SMALL)) {
            for (int i = 1; i <= 600; i++) {
                assertEquals(
                        i, log.append("DENIED", "cam", "ff", "addr", REASON).n());
            }
        }
        Path first = tmp.resolve("audit.1.jsonl");
        Path second = tmp.resolve("audit.2.jsonl");
        assertTrue(Files.exists(first) && Files.exists(second));
        assertFalse(Files.exists(tmp.resolve("audit.3.jsonl")), "only 2 rotated files are kept");
        for (Path f : List.of(live, first, second)) {
            assertTrue(
                    Files.size(f) < SMALL.fileSize() + JsonLinesFile.MAX_LINE, f + " is " + Files.size(f) + " bytes");
        }
        List<Long> all = new ArrayList<>(numbers(second));
        all.addAll(numbers(first));
        all.addAll(numbers(live));
        for (int i = 1; i < all.size(); i++) {
            assertEquals(all.get(i - 1) + 1, all.get(i), "entries in order without a gap");
        }
        assertEquals(600, all.get(all.size() - 1));
        assertTrue(all.get(0) > 1, "the oldest entries were dropped");
    }

    @Test
    void reopen_rightAfterARotation_continuesTheNumberingAndShowsRecentEntries() throws Exception {
        Path live = tmp.resolve("audit.jsonl");
        long last;
        try (AuditLog log = AuditLog.open(live, mapper, Clock.systemUTC(), SMALL)) {
            do {
                log.append("GRANTED", "cam", "ff", "addr", REASON);
            } while (Files.size(live) > 0); // stop just after a rotation: the live file is empty
            last = log.lastIndex();
        }
        try (AuditLog again = AuditLog.open(live, mapper, Clock.systemUTC(), SMALL)) {
            assertEquals(last, again.lastIndex());
            assertEquals(AuditLog.RECENT, again.recent().size());
            assertEquals(last, again.recent().get(AuditLog.RECENT - 1).n());
            assertEquals(
                    last + 1,
                    again.append("REVOKED", "cam", "ff", "addr", "after restart")
                            .n());
        }
    }

    @Test
    void rotation_belowTwoLines_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AuditLog.Rotation(1000, 2));
        assertThrows(IllegalArgumentException.class, () -> new AuditLog.Rotation(1 << 20, 0));
    }
}
