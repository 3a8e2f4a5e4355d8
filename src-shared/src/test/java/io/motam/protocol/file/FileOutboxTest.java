package io.motam.protocol.file;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.domain.FileKind;
import io.motam.protocol.message.FileOffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOutboxTest {
    @TempDir
    Path dir;

    @Test
    void enqueue_copiesAndHashes_survivesReopenInOrder() throws Exception {
        Path source = dir.resolve("alert.jpg");
        Files.write(source, new byte[] {1, 2, 3});
        FileOutbox o = FileOutbox.open(dir.resolve("q"), FileOutbox.Limits.DEFAULT);
        FileOffer first = o.enqueue(FileKind.SNAPSHOT, source);
        Files.delete(source); // the caller may delete its file at once
        FileOffer second = o.enqueue(FileKind.LOG, "camera.log", new byte[] {4});
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(new byte[] {1, 2, 3}), first.sha256());
        FileOutbox again = FileOutbox.open(dir.resolve("q"), FileOutbox.Limits.DEFAULT);
        assertEquals(
                List.of(first, second),
                again.queued().stream().map(QueuedFile::offer).toList());
        assertArrayEquals(
                new byte[] {1, 2, 3}, Files.readAllBytes(again.first().get().data()));
    }

    @Test
    void reopen_afterACrashBeforeTheOfferWasWritten_dropsTheHalfQueuedFile() throws Exception {
        FileOutbox o = FileOutbox.open(dir, FileOutbox.Limits.DEFAULT);
        o.enqueue(FileKind.LOG, "a.log", new byte[10]);
        Files.write(dir.resolve("0000000000000009.data"), new byte[5]); // data renamed, offer never written
        Files.write(dir.resolve(".10.tmp"), new byte[5]); // a copy cut short
        FileOutbox again = FileOutbox.open(dir, FileOutbox.Limits.DEFAULT);
        assertEquals(1, again.count());
        assertFalse(Files.exists(dir.resolve("0000000000000009.data")));
        assertFalse(Files.exists(dir.resolve(".10.tmp")));
        assertEquals(11, again.enqueue(FileKind.LOG, "b.log", new byte[1]).size() + 10);
    }

    @Test
    void remove_forgetsTheEntryAtOnceAndDeletesTheBytesInTheBackground() throws Exception {
        FileOutbox o = FileOutbox.open(dir, FileOutbox.Limits.DEFAULT);
        FileOffer offer = o.enqueue(FileKind.MODEL, "m.bin", new byte[100]);
        Path data = o.first().orElseThrow().data();
        o.remove(offer.fileId());
        assertEquals(0, o.count());
        assertEquals(0, o.bytes());
        assertFalse(o.contains(offer.fileId()));
        await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(data));
        assertEquals(0, FileOutbox.open(dir, FileOutbox.Limits.DEFAULT).count());
    }

    @Test
    void reopen_afterACrashBeforeARemovedFilesBytesWereDeleted_deletesThem() throws Exception {
        FileOutbox o = FileOutbox.open(dir, FileOutbox.Limits.DEFAULT);
        o.enqueue(FileKind.MODEL, "m.bin", new byte[100]);
        QueuedFile q = o.first().orElseThrow();
        Files.delete(dir.resolve(String.format("%016d.offer", q.queueNumber()))); // removed, then the power went
        FileOutbox again = FileOutbox.open(dir, FileOutbox.Limits.DEFAULT);
        assertEquals(0, again.count());
        assertFalse(Files.exists(q.data()));
    }

    @Test
    void reopen_dataCutShort_dropsTheEntry() throws Exception {
        FileOutbox o = FileOutbox.open(dir, FileOutbox.Limits.DEFAULT);
        o.enqueue(FileKind.LOG, "a.log", new byte[10]);
        Files.write(o.first().orElseThrow().data(), new byte[4]);
        assertEquals(0, FileOutbox.open(dir, FileOutbox.Limits.DEFAULT).count());
    }

    @Test
    void full_dropsOldestSnapshotsFirst_neverLogsOrModels() throws Exception {
        FileOutbox o = FileOutbox.open(dir, new FileOutbox.Limits(3, 1000));
        o.enqueue(FileKind.MODEL, "model.yml", new byte[100]);
        FileOffer snap1 = o.enqueue(FileKind.SNAPSHOT, "s1.jpg", new byte[100]);
        FileOffer snap2 = o.enqueue(FileKind.SNAPSHOT, "s2.jpg", new byte[100]);
        o.enqueue(FileKind.LOG, "a.log", new byte[100]);
        assertFalse(o.contains(snap1.fileId()), "the oldest snapshot made room");
        assertTrue(o.contains(snap2.fileId()));
        o.enqueue(FileKind.LOG, "b.log", new byte[100]);
        assertFalse(o.contains(snap2.fileId()));
        assertThrows(
                FileOutboxFullException.class,
                () -> o.enqueue(FileKind.LOG, "c.log", new byte[100]),
                "logs and the model are never dropped");
        assertEquals(
                List.of("model.yml", "a.log", "b.log"),
                o.queued().stream().map(q -> q.offer().name()).toList());
    }

    @Test
    void dropOlder_newModel_replacesQueuedModels() throws Exception {
        FileOutbox o = FileOutbox.open(dir, FileOutbox.Limits.DEFAULT);
        FileOffer old = o.enqueue(FileKind.MODEL, "m.yml", new byte[1]);
        FileOffer snap = o.enqueue(FileKind.SNAPSHOT, "s.jpg", new byte[1]);
        FileOffer newer = o.enqueue(FileKind.MODEL, "m.yml", new byte[2]);
        assertEquals(1, o.dropOlder(FileKind.MODEL, newer.fileId()));
        assertFalse(o.contains(old.fileId()));
        assertTrue(o.contains(snap.fileId()));
        assertTrue(o.contains(newer.fileId()));
    }

    @Test
    void enqueue_nameWithPath_refused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> FileOutbox.open(dir, FileOutbox.Limits.DEFAULT)
                        .enqueue(FileKind.LOG, "../etc/passwd", new byte[1]));
    }

    @Test
    void mismatched_intactCopy_offeredAgainUntilTheLimitThenDropped() throws Exception {
        FileOutbox o = FileOutbox.open(dir, FileOutbox.Limits.DEFAULT);
        FileOffer f = o.enqueue(FileKind.LOG, "a.log", new byte[10]);
        assertTrue(o.mismatched(f.fileId()));
        assertTrue(o.mismatched(f.fileId()));
        assertFalse(o.mismatched(f.fileId()));
        assertFalse(o.contains(f.fileId()));
    }

    @Test
    void mismatched_damagedCopy_droppedAtOnce() throws Exception {
        FileOutbox o = FileOutbox.open(dir, FileOutbox.Limits.DEFAULT);
        FileOffer f = o.enqueue(FileKind.LOG, "a.log", new byte[10]);
        Files.write(o.first().orElseThrow().data(), new byte[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
        assertFalse(o.mismatched(f.fileId()));
        assertEquals(0, o.count());
    }
}
