package io.motam.gateway.link;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.domain.FileKind;
import io.motam.gateway.backup.BackupStore;
import io.motam.gateway.journal.EventJournal;
import io.motam.gateway.journal.EventJson;
import io.motam.gateway.journal.JournalEntry;
import io.motam.gateway.journal.JournalReader;
import io.motam.gateway.ops.Operator;
import io.motam.gateway.testing.GatewayProfile;
import io.motam.link.tcp.TcpLinkConnector;
import io.motam.protocol.delivery.Outbox;
import io.motam.protocol.message.Command;
import io.motam.protocol.pairing.PairingOffer;
import io.motam.protocol.restore.RestoreTarget;
import io.motam.protocol.session.Identity;
import io.motam.protocol.uplink.Uplink;
import io.motam.protocol.uplink.UplinkSettings;
import io.motam.protocol.uplink.VersionRange;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restore against the running gateway: a model in the backup store goes back, byte-identical, to
 * a real camera (the shared {@link Uplink}: own key, TCP, TLS 1.3, pairing) that asks for it after
 * WELCOME; a camera with nothing stored hears RESTORE_NONE.
 */
@QuarkusTest
@TestProfile(GatewayProfile.class)
class ModelRestoreTest {
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @Inject
    Operator operator;

    @Inject
    LinkServer link;

    @Inject
    Identity gateway;

    @Inject
    BackupStore backup;

    @Inject
    ActiveCameras active;

    @Inject
    EventJournal journal;

    private List<JournalEntry> journalAfter(long index) throws IOException {
        List<JournalEntry> out = new ArrayList<>();
        try (JournalReader r = journal.reader(index)) {
            for (JournalEntry e = r.next(); e != null; e = r.next()) {
                out.add(e);
            }
        }
        return out;
    }

    @TempDir
    Path tmp;

    /** The camera's restore hook: completes with the restored file, or empty for none. */
    private static final class Target implements RestoreTarget {
        final CompletableFuture<Optional<Path>> outcome = new CompletableFuture<>();
        private final Path folder;

        Target(Path folder) {
            this.folder = folder;
        }

        @Override
        public FileKind kind() {
            return FileKind.MODEL;
        }

        @Override
        public Path folder() {
            return folder;
        }

        @Override
        public void restored(FileKind kind, Path file) {
            outcome.complete(Optional.of(file));
        }

        @Override
        public void unavailable(FileKind kind) {
            outcome.complete(Optional.empty());
        }
    }

    @Test
    void restore_storedModel_cameraReceivesItByteIdentical() throws Exception {
        byte[] model = new byte[1_000_000]; // 16 chunks
        new Random(42).nextBytes(model);
        Path upload = tmp.resolve("upload.bin");
        Files.write(upload, model);
        long journaled = journal.lastIndex();
        backup.store(
                "cam-restore",
                FileKind.MODEL,
                "lbph-model.yml.gz",
                upload,
                MessageDigest.getInstance("SHA-256").digest(model));
        JournalEntry stored = journalAfter(journaled).stream()
                .filter(e -> e.topic().equals(EventJson.TOPIC_BACKUP))
                .findFirst()
                .orElseThrow();
        assertEquals("cam-restore", stored.payloadTree().get("camera").asText());
        assertEquals("MODEL", stored.payloadTree().get("kind").asText());
        assertEquals("STORED", stored.payloadTree().get("outcome").asText());
        assertEquals(model.length, stored.payloadTree().get("size").asLong());

        Target target = new Target(tmp.resolve("camera").resolve("restored"));
        try (Uplink camera = camera("cam-restore", target)) {
            camera.start();
            Path restored =
                    target.outcome.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).orElseThrow();
            assertEquals(target.folder().resolve("lbph-model.yml.gz"), restored);
            assertArrayEquals(model, Files.readAllBytes(restored));
            assertEquals(VersionRange.RELEASE_EPOCH, camera.version());
        }
        await().atMost(PATIENCE).until(() -> active.count() == 0);
    }

    @Test
    void restore_nothingStored_cameraHearsNone() throws Exception {
        Target target = new Target(tmp.resolve("camera").resolve("restored"));
        try (Uplink camera = camera("cam-nomodel", target)) {
            camera.start();
            assertTrue(
                    target.outcome.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).isEmpty());
            assertTrue(camera.connected());
        }
        await().atMost(PATIENCE).until(() -> active.count() == 0);
    }

    @Test
    void restore_storedModelCorruptedOnDisk_isNeverSent() throws Exception {
        byte[] model = new byte[10_000];
        new Random(3).nextBytes(model);
        Path upload = tmp.resolve("upload.bin");
        Files.write(upload, model);
        Path stored = backup.store(
                        "cam-corrupt",
                        FileKind.MODEL,
                        "sface-gallery.bin",
                        upload,
                        MessageDigest.getInstance("SHA-256").digest(model))
                .path();
        model[0] ^= 1; // one bit flipped on the gateway's disk, same size
        Files.write(stored, model);
        Files.setLastModifiedTime(
                stored,
                java.nio.file.attribute.FileTime.from(java.time.Instant.now().plusSeconds(60)));

        Target target = new Target(tmp.resolve("camera").resolve("restored"));
        try (Uplink camera = camera("cam-corrupt", target)) {
            camera.start();
            assertTrue(
                    target.outcome.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).isEmpty());
        }
        assertTrue(!Files.exists(target.folder().resolve("sface-gallery.bin")));
        await().atMost(PATIENCE).until(() -> active.count() == 0);
    }

    /** A new camera that pairs with a fresh offer, then asks to restore. */
    private Uplink camera(String id, RestoreTarget target) throws Exception {
        await().atMost(PATIENCE).until(() -> active.count() == 0);
        PairingOffer offer = operator.issueOffer("test").offer().orElseThrow();
        Outbox outbox = Outbox.open(tmp.resolve(id).resolve("outbox"), 1000);
        Uplink.Target pairing = new Uplink.Target() {
            private volatile boolean paired;

            @Override
            public Optional<Uplink.Destination> next() {
                return Optional.of(
                        paired
                                ? Uplink.Destination.pinned(link.endpoint(), gateway.fingerprint())
                                : Uplink.Destination.pairing(offer));
            }

            @Override
            public void paired(PairingOffer o) {
                paired = true;
            }
        };
        return new Uplink(
                        id,
                        Identity.generate("motam-camera-" + id),
                        outbox,
                        null,
                        pairing,
                        endpoint -> TcpLinkConnector.forEndpoint(link.endpoint(), Duration.ofSeconds(5))
                                .connect(),
                        new Uplink.Handler() {
                            @Override
                            public void welcomed(io.motam.protocol.message.Welcome welcome) {
                                // not under test
                            }

                            @Override
                            public void command(Command command) {
                                // not under test
                            }
                        },
                        UplinkSettings.DEFAULT,
                        Uplink.Backoff.DEFAULT,
                        null)
                .withRestore(target);
    }
}
