package io.motam.demo.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.motam.domain.CameraMode;
import io.motam.protocol.delivery.Outbox;
import io.motam.protocol.message.ModeChanged;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The soak's count on real files: a journal as the gateway writes it, an outbox written by the camera's class. */
class SoakCountTest {
    @TempDir
    Path tmp;

    private static String line(long n, String camera, long seq) {
        return "{\"n\":" + n + ",\"topic\":\"events/mode\",\"camera\":\"" + camera + "\",\"seq\":" + seq
                + ",\"payload\":{\"schema\":1,\"id\":\"" + UUID.randomUUID() + "\"}}\n";
    }

    private Path journal(String... lines) throws Exception {
        Path dir = tmp.resolve("journal");
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("events-00000000000000000001.jsonl"), String.join("", lines), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("mqtt.cursor"), "3\n");
        return dir;
    }

    @Test
    void journalScan_countsThisCamerasNumbers_skipsGatewayEventsAndOtherCameras_andTheTornLastLine() throws Exception {
        Path dir = journal(
                line(1, "cam", 1),
                line(2, "gw", 0),
                line(3, "other", 2),
                line(4, "cam", 2),
                "not json\n",
                line(6, "cam", 2),
                "{\"n\":7,\"topic\":\"events/mode\",\"cam");

        JournalScan scan = JournalScan.read(dir, "cam");

        assertEquals(2, scan.distinct(), "distinct numbers");
        assertEquals(1, scan.duplicated(), "lines beyond the first for seq 2");
        assertEquals(1, scan.damaged(), "damaged whole lines");
        assertEquals(2, scan.highest(), "highest");
    }

    @Test
    void eventTally_gapNotQueued_isLost_gapStillQueued_isNot_andRepeatsAreDuplicates() throws Exception {
        JournalScan scan = JournalScan.read(
                journal(line(1, "cam", 1), line(2, "cam", 3), line(3, "cam", 3), line(4, "cam", 5)), "cam");
        CameraRecord camera = new CameraRecord(6, Set.of(5L, 6L), 0);

        EventTally t = EventTally.of(scan, camera);

        assertEquals(new EventTally(6, 3, 2, 1, 1, 0), t); // 2 and 4 lost, 6 queued, 3 twice
    }

    @Test
    void eventTally_journalAboveTheCamerasLastNumber_isCountedBeyond() throws Exception {
        JournalScan scan = JournalScan.read(journal(line(1, "cam", 1), line(2, "cam", 2), line(3, "cam", 9)), "cam");

        EventTally t = EventTally.of(scan, new CameraRecord(2, Set.of(), 0));

        assertEquals(1, t.beyond());
        assertEquals(0, t.lost());
    }

    @Test
    void cameraRecord_readsTheLastNumberAndThePendingEvents_fromTheCamerasOutbox() throws Exception {
        Path cameraDir = tmp.resolve("camera");
        try (Outbox outbox = Outbox.open(cameraDir.resolve("outbox"), 100)) {
            for (int i = 0; i < 5; i++) {
                outbox.add(
                        new ModeChanged(UUID.randomUUID(), Instant.now(), CameraMode.NORMAL, CameraMode.ALERT, 1, "t"));
            }
            outbox.acked(3);
        }
        Files.createDirectories(cameraDir.resolve("outbox/files"));
        Files.writeString(cameraDir.resolve("outbox/files/0000000000000001.offer"), "x");
        Files.writeString(cameraDir.resolve("outbox/files/0000000000000001.data"), "x");

        CameraRecord r = CameraRecord.read(cameraDir);

        assertEquals(new CameraRecord(5, Set.of(4L, 5L), 1), r);
    }
}
