package io.motam.camera.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.domain.FileKind;
import io.motam.protocol.file.FileOutbox;
import io.motam.protocol.message.FileOffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UplinkFileDispatchTest {
    @TempDir
    Path dir;

    @Test
    void plainName_oddCharacters_becomeUnderscores() {
        assertEquals("snap_2026-01-01_12_00.jpg", UplinkFileDispatch.plainName("snap 2026-01-01 12:00.jpg"));
        assertEquals("_.hidden", UplinkFileDispatch.plainName(".hidden"));
        assertTrue(FileOffer.NAME
                .matcher(UplinkFileDispatch.plainName("é".repeat(300)))
                .matches());
    }

    @Test
    void send_newModel_replacesTheQueuedOlderModelAndKeepsSnapshots() throws Exception {
        UplinkFileDispatch dispatch = new UplinkFileDispatch();
        dispatch.files = FileOutbox.open(dir.resolve("queue"), FileOutbox.Limits.DEFAULT);
        Path model = Files.write(dir.resolve("model.yml.gz"), new byte[] {1});
        Path snapshot = Files.write(dir.resolve("alert 1.jpg"), new byte[] {2});
        dispatch.send(FileKind.MODEL, model);
        dispatch.send(FileKind.SNAPSHOT, snapshot);
        Files.write(model, new byte[] {3});
        dispatch.send(FileKind.MODEL, model);
        assertEquals(2, dispatch.files.count());
        assertEquals("alert_1.jpg", dispatch.files.first().orElseThrow().offer().name());
    }

    @Test
    void send_unreadableFile_loggedNotThrown() throws Exception {
        UplinkFileDispatch dispatch = new UplinkFileDispatch();
        dispatch.files = FileOutbox.open(dir.resolve("queue"), FileOutbox.Limits.DEFAULT);
        dispatch.send(FileKind.LOG, dir.resolve("missing.log"));
        assertEquals(0, dispatch.files.count());
    }
}
