package io.motam.gateway.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.motam.gateway.audit.AuditEntry;
import io.motam.gateway.audit.AuditLog;
import io.motam.protocol.message.UnknownEventException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalSinkTest {
    @TempDir
    Path tmp;

    @Test
    void skipped_unknownEventKind_oneDurableAuditLineWithCameraSequenceIdAndKind() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        Path file = tmp.resolve("audit.jsonl");
        UUID id = new UUID(9, 2);
        try (AuditLog audit = AuditLog.open(file, mapper, Clock.systemUTC())) {
            // skipping touches neither the journal nor the state
            new JournalSink(null, null, mapper, audit)
                    .skipped("cam1", 2, new UnknownEventException(9, id, Instant.ofEpochMilli(1_700_000_000_000L)));
        }
        try (AuditLog reopened = AuditLog.open(file, mapper, Clock.systemUTC())) {
            List<AuditEntry> entries = reopened.recent();
            assertEquals(1, entries.size());
            AuditEntry e = entries.get(0);
            assertEquals(JournalSink.SKIPPED, e.action());
            assertEquals("cam1", e.cameraId());
            assertTrue(
                    e.reason().contains("event 2 ")
                            && e.reason().contains(id.toString())
                            && e.reason().contains("kind 9"),
                    e.reason());
        }
    }
}
