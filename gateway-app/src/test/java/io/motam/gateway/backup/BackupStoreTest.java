package io.motam.gateway.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.motam.domain.FileKind;
import io.motam.gateway.testing.ManualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backup store on real files: integrity, atomic entry, recovery, retention. */
class BackupStoreTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path tmp;

    private final ManualClock clock = new ManualClock();

    private BackupStore open(long maxSize) throws IOException {
        return BackupStore.open(
                tmp.resolve("backup"), new Retention.Limits(Duration.ofDays(30), maxSize), mapper, clock);
    }

    private Path received(BackupStore store, byte[] content) throws IOException {
        Path f = Files.createTempFile(store.incomingDir(), "rx", ".part");
        Files.write(f, content);
        return f;
    }

    private static byte[] sha(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void store_writesByCameraDateAndKind_withHashInIndex() throws Exception {
        try (BackupStore store = open(1 << 20)) {
            byte[] jpg = bytes(1000, 1);
            Path temp = received(store, jpg);
            StoredFile f = store.store("cam1", FileKind.SNAPSHOT, "alert-1.jpg", temp, sha(jpg));
            assertEquals("cam1/2026-11-23/snapshot/alert-1.jpg", f.relative());
            assertFalse(Files.exists(temp), "the temporary file is moved, not copied");
            assertArrayEquals(jpg, Files.readAllBytes(store.root().resolve(f.relative())));
            String index = Files.readString(store.root().resolve("index.jsonl"));
            assertTrue(index.contains(f.sha256()) && index.contains("\"op\":\"add\""), index);
            assertEquals(
                    Integrity.VERIFIED, store.list(Optional.of("cam1")).get(0).integrity());
        }
    }

    @Test
    void store_takesTheVerifiedHash_withoutReadingTheFileAgain() throws Exception {
        try (BackupStore store = open(1 << 20)) {
            byte[] jpg = bytes(1000, 2);
            // the hash the receiver verified is indexed as given: the store does not hash the bytes again
            byte[] verified = sha("the receiver's verified hash".getBytes(StandardCharsets.UTF_8));
            StoredFile f = store.store("cam1", FileKind.SNAPSHOT, "a.jpg", received(store, jpg), verified);
            assertEquals(HexFormat.of().formatHex(verified), f.sha256());
            assertTrue(store.holds("cam1", FileKind.SNAPSHOT, verified));
            assertEquals(1, store.fileCount());
        }
    }

    @Test
    void store_sameContentTwice_isStoredOnce() throws Exception {
        try (BackupStore store = open(1 << 20)) {
            byte[] model = bytes(500, 3);
            StoredFile first = store.store("cam1", FileKind.MODEL, "model.yml", received(store, model), sha(model));
            StoredFile again = store.store("cam1", FileKind.MODEL, "model.yml", received(store, model), sha(model));
            assertEquals(first.relative(), again.relative());
            assertEquals(1, store.fileCount());
        }
    }

    @Test
    void store_pathTricksInIdsOrNames_areRefused() throws Exception {
        try (BackupStore store = open(1 << 20)) {
            byte[] b = bytes(10, 4);
            for (String bad : List.of("..", ".", "a/b", "")) {
                assertThrows(
                        IllegalArgumentException.class,
                        () -> store.store(bad, FileKind.LOG, "x.log", received(store, b), sha(b)));
                assertThrows(
                        IllegalArgumentException.class,
                        () -> store.store("cam1", FileKind.LOG, bad, received(store, b), sha(b)));
            }
        }
    }

    @Test
    void corruptedOnDisk_isReportedCorrupt_neverServed_andRestoreFallsBackToTheLastGoodModel() throws Exception {
        try (BackupStore store = open(1 << 20)) {
            byte[] m1 = bytes(400, 5);
            byte[] m2 = bytes(400, 6);
            StoredFile good = store.store("cam1", FileKind.MODEL, "m1.yml", received(store, m1), sha(m1));
            clock.now = clock.now.plusSeconds(60);
            StoredFile newest = store.store("cam1", FileKind.MODEL, "m2.yml", received(store, m2), sha(m2));
            assertEquals(newest, store.latestModel("cam1").orElseThrow());
            byte[] flipped = m2.clone();
            flipped[100] ^= 1;
            Files.write(newest.path(), flipped); // same size, different content
            Files.setLastModifiedTime(
                    newest.path(), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
            assertEquals(Integrity.CORRUPT, store.integrity(newest));
            assertThrows(CorruptTransferException.class, () -> store.readVerified(newest));
            assertEquals(good, store.latestModel("cam1").orElseThrow(), "restore never hands out a corrupt model");
            assertArrayEquals(m1, store.readVerified(store.latestModel("cam1").orElseThrow()));
        }
    }

    @Test
    void reopen_dropsFilesWithoutIndexEntry_andEntriesWithoutFile() throws Exception {
        StoredFile kept;
        StoredFile lost;
        try (BackupStore store = open(1 << 20)) {
            byte[] a = bytes(300, 7);
            byte[] b = bytes(300, 8);
            kept = store.store("cam1", FileKind.SNAPSHOT, "a.jpg", received(store, a), sha(a));
            lost = store.store("cam1", FileKind.SNAPSHOT, "b.jpg", received(store, b), sha(b));
        }
        Files.delete(lost.path());
        // a crash between the rename into place and the index line: on disk, never indexed or acked
        Path orphan = tmp.resolve("backup/cam1/2026-11-23/snapshot/orphan.jpg");
        Files.write(orphan, bytes(100, 9));
        Path partial = tmp.resolve("backup/.incoming/transfer-7.part");
        Files.write(partial, bytes(50, 10));
        // and a torn index line
        Files.write(
                tmp.resolve("backup/index.jsonl"),
                "{\"op\":\"add\",\"path\":\"cam1/x".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);
        try (BackupStore store = open(1 << 20)) {
            assertEquals(
                    List.of(kept.relative()),
                    store.list(Optional.empty()).stream()
                            .map(l -> l.file().relative())
                            .toList());
            assertFalse(Files.exists(orphan), "an unindexed file is never shown as complete");
            assertTrue(Files.exists(partial), "the link's partial transfers are left for it to resume");
            assertEquals(300, store.storedSize());
            assertEquals(350, store.totalSize(), "the partial transfer counts toward the store's size");
        }
    }

    @Test
    void fillPastQuota_removesOldestEvidenceFirst_andKeepsTheNewestModel() throws Exception {
        long quota = 10_000;
        try (BackupStore store = open(quota)) {
            byte[] oldModel = bytes(3000, 11);
            StoredFile superseded =
                    store.store("cam1", FileKind.MODEL, "model.yml", received(store, oldModel), sha(oldModel));
            clock.now = clock.now.plusSeconds(10);
            byte[] model = bytes(4000, 12);
            StoredFile newestModel =
                    store.store("cam1", FileKind.MODEL, "model.yml", received(store, model), sha(model));
            StoredFile firstSnapshot = null;
            for (int i = 0; i < 20; i++) {
                clock.now = clock.now.plusSeconds(60);
                byte[] jpg = bytes(1000, 100 + i);
                StoredFile f =
                        store.store("cam1", FileKind.SNAPSHOT, "alert-" + i + ".jpg", received(store, jpg), sha(jpg));
                if (i == 0) {
                    firstSnapshot = f;
                }
                assertTrue(store.totalSize() <= quota, "over quota after " + i + ": " + store.totalSize());
            }
            List<String> left = store.list(Optional.empty()).stream()
                    .map(l -> l.file().relative())
                    .toList();
            assertTrue(left.contains(newestModel.relative()), "the newest model is never removed: " + left);
            assertFalse(left.contains(superseded.relative()), "a superseded model goes first");
            assertFalse(left.contains(firstSnapshot.relative()), "the oldest evidence goes next");
            assertTrue(left.contains("cam1/2026-11-23/snapshot/alert-19.jpg"), "the newest evidence stays");
            assertEquals(7, left.size(), "the 4000-byte model and 6 snapshots of 1000 fill 10000: " + left);
            assertFalse(Files.exists(firstSnapshot.path()));
            assertEquals(newestModel, store.latestModel("cam1").orElseThrow());
        }
        try (BackupStore reopened = open(quota)) {
            assertEquals(7, reopened.fileCount(), "removals are in the index too");
        }
    }

    @Test
    void age_removesOldFilesButNeverTheLatestModel_evenWhenTheModelIsOlder() throws Exception {
        try (BackupStore store = open(1 << 20)) {
            byte[] model = bytes(100, 13);
            StoredFile m = store.store("cam1", FileKind.MODEL, "model.yml", received(store, model), sha(model));
            byte[] log = bytes(100, 14);
            StoredFile l = store.store("cam1", FileKind.LOG, "camera.log", received(store, log), sha(log));
            clock.now = clock.now.plus(Duration.ofDays(31));
            store.enforceRetention();
            assertEquals(
                    List.of(m.relative()),
                    store.list(Optional.empty()).stream()
                            .map(x -> x.file().relative())
                            .toList());
            assertFalse(Files.exists(l.path()));
        }
    }

    @Test
    void largerModelThanQuota_staysAlone() throws Exception {
        try (BackupStore store = open(1000)) {
            byte[] jpg = bytes(500, 15);
            store.store("cam1", FileKind.SNAPSHOT, "a.jpg", received(store, jpg), sha(jpg));
            clock.now = clock.now.plusSeconds(1);
            byte[] model = bytes(2000, 16);
            StoredFile m = store.store("cam1", FileKind.MODEL, "model.yml", received(store, model), sha(model));
            assertEquals(
                    List.of(m),
                    store.list(Optional.empty()).stream()
                            .map(BackupStore.Listed::file)
                            .toList());
        }
    }

    @Test
    void store_sameContentAfterRetentionRemovedIt_isStoredAgain_notTakenForADuplicate() throws Exception {
        try (BackupStore store = open(1500)) {
            byte[] a = bytes(1000, 21);
            byte[] b = bytes(1000, 22);
            store.store("cam1", FileKind.LOG, "a.log", received(store, a), sha(a));
            clock.now = clock.now.plusSeconds(60);
            store.store("cam1", FileKind.LOG, "b.log", received(store, b), sha(b)); // over 1500 bytes: a.log goes
            assertFalse(store.holds("cam1", FileKind.LOG, sha(a)));
            clock.now = clock.now.plusSeconds(60);
            StoredFile again = store.store("cam1", FileKind.LOG, "a.log", received(store, a), sha(a));
            assertTrue(Files.exists(again.path()), "stored anew, not answered with the removed entry");
            assertTrue(store.holds("cam1", FileKind.LOG, sha(a)));
            assertFalse(store.holds("cam2", FileKind.LOG, sha(a)), "content is held per camera");
            assertFalse(store.holds("cam1", FileKind.SNAPSHOT, sha(a)), "and per kind");
        }
    }

    @Test
    void listener_hearsStoredAlreadyStoredRejectedAndExpired() throws Exception {
        List<BackupListener.Change> heard = new java.util.ArrayList<>();
        try (BackupStore store = open(1500)) {
            store.listen(heard::add);
            byte[] first = bytes(1000, 7);
            StoredFile f = store.store("cam1", FileKind.LOG, "camera-1.log", received(store, first), sha(first));
            store.store("cam1", FileKind.LOG, "camera-1.log", received(store, first), sha(first)); // a resend
            byte[] bad = bytes(10, 8);
            store.rejected("cam1", FileKind.SNAPSHOT, "a.jpg", bad.length, sha(first), sha(bad));
            byte[] second = bytes(1000, 9); // over the 1500-byte limit together: the older file goes
            store.store("cam1", FileKind.LOG, "camera-2.log", received(store, second), sha(second));

            assertEquals(
                    List.of(
                            BackupListener.Outcome.STORED,
                            BackupListener.Outcome.ALREADY_STORED,
                            BackupListener.Outcome.REJECTED,
                            BackupListener.Outcome.STORED,
                            BackupListener.Outcome.EXPIRED),
                    heard.stream().map(BackupListener.Change::outcome).toList());
            BackupListener.Change stored = heard.get(0);
            assertEquals(
                    new BackupListener.Change(
                            BackupListener.Outcome.STORED, "cam1", FileKind.LOG, f.relative(), 1000, f.sha256(), null),
                    stored);
            assertEquals(f.relative(), heard.get(1).file());
            BackupListener.Change rejected = heard.get(2);
            assertEquals("a.jpg", rejected.file());
            assertEquals(10, rejected.size());
            assertTrue(rejected.reason().startsWith("received bytes hash to "), rejected.reason());
            assertEquals(f.relative(), heard.get(4).file());
            assertTrue(heard.get(4).reason() != null, "retention says why");
        }
    }

    @Test
    void partialTransfers_countTowardMaxSize_andRetentionMakesRoomForThem() throws Exception {
        try (BackupStore store = open(10_000)) {
            for (int i = 0; i < 8; i++) {
                clock.now = clock.now.plusSeconds(60);
                byte[] jpg = bytes(1000, 200 + i);
                store.store("cam1", FileKind.SNAPSHOT, "alert-" + i + ".jpg", received(store, jpg), sha(jpg));
            }
            Path partials = Files.createDirectories(store.incomingDir().resolve("cam1"));
            Files.write(partials.resolve("7c9e6679-7425-40de-944b-e07fc1f90ae7.part"), bytes(5000, 300));
            store.enforceRetention();
            assertEquals(5, store.fileCount(), "3 oldest snapshots made room for the 5000 partial bytes");
            assertEquals(10_000, store.totalSize());
            assertFalse(store.list(Optional.empty()).stream()
                    .anyMatch(l -> l.file().name().equals("alert-2.jpg")));
            assertTrue(store.list(Optional.empty()).stream()
                    .anyMatch(l -> l.file().name().equals("alert-3.jpg")));
        }
    }

    @Test
    void partialTransfers_notWrittenForPartialMaxAge_arePruned_fresherOnesStay() throws Exception {
        Retention.Limits limits = new Retention.Limits(Duration.ofDays(30), 1 << 20, 0, Duration.ofHours(24));
        try (BackupStore store = BackupStore.open(tmp.resolve("backup"), limits, mapper, clock)) {
            Path dir = Files.createDirectories(store.incomingDir().resolve("cam1"));
            String oldId = "11111111-1111-1111-1111-111111111111";
            String liveId = "22222222-2222-2222-2222-222222222222";
            java.nio.file.attribute.FileTime dayAndHourAgo =
                    java.nio.file.attribute.FileTime.from(clock.now.minus(Duration.ofHours(25)));
            java.nio.file.attribute.FileTime hourAgo =
                    java.nio.file.attribute.FileTime.from(clock.now.minus(Duration.ofHours(1)));
            for (String suffix : List.of(".part", ".offer")) {
                Files.write(dir.resolve(oldId + suffix), bytes(100, 1));
                Files.setLastModifiedTime(dir.resolve(oldId + suffix), dayAndHourAgo);
                Files.write(dir.resolve(liveId + suffix), bytes(100, 2));
            }
            Files.setLastModifiedTime(dir.resolve(liveId + ".offer"), dayAndHourAgo); // offered long ago,
            Files.setLastModifiedTime(dir.resolve(liveId + ".part"), hourAgo); // but still being resumed
            store.enforceRetention();
            assertFalse(Files.exists(dir.resolve(oldId + ".part")));
            assertFalse(Files.exists(dir.resolve(oldId + ".offer")));
            assertTrue(Files.exists(dir.resolve(liveId + ".part")), "a transfer written to within the age stays");
            assertTrue(Files.exists(dir.resolve(liveId + ".offer")), "with its offer");
            assertEquals(200, store.totalSize());
        }
    }

    @Test
    void admit_whenTheRestWouldGoBelowMinFree_throwsStoreFull_andAdmitsWhatFits() throws Exception {
        long free = Files.getFileStore(tmp).getUsableSpace();
        Retention.Limits tight = new Retention.Limits(Duration.ofDays(30), 1L << 40, free / 2, Duration.ofHours(24));
        try (BackupStore store = BackupStore.open(tmp.resolve("backup"), tight, mapper, clock)) {
            store.admit("cam1", "small.jpg", 1000);
            StoreFullException e = assertThrows(StoreFullException.class, () -> store.admit("cam1", "huge.log", free));
            assertTrue(e.getMessage().contains("expected at least " + free / 2), e.getMessage());
        }
    }
}
