package io.motam.protocol.file;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.domain.FileKind;
import io.motam.protocol.message.FileAck;
import io.motam.protocol.message.FileChunk;
import io.motam.protocol.message.FileDone;
import io.motam.protocol.message.FileOffer;
import io.motam.protocol.message.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's file bookkeeping across connections: resume, done markers, conflicts. */
class FileReceiverTest {
    @TempDir
    Path dir;

    private final List<Message> replies = new CopyOnWriteArrayList<>();
    private final List<Path> stored = new CopyOnWriteArrayList<>();
    private final List<byte[]> rejected = new CopyOnWriteArrayList<>();

    private final ReceivedFiles store = new ReceivedFiles() {
        @Override
        public Path partialDir(String cameraId) throws IOException {
            return Files.createDirectories(dir.resolve("partial").resolve(cameraId));
        }

        @Override
        public boolean holds(String cameraId, FileOffer offer) {
            return Files.exists(dir.resolve("store").resolve(offer.name()));
        }

        @Override
        public void completed(String cameraId, FileOffer offer, Path verifiedFile) throws IOException {
            Path target = Files.createDirectories(dir.resolve("store")).resolve(offer.name());
            Files.move(verifiedFile, target);
            stored.add(target);
        }

        @Override
        public void rejected(String cameraId, FileOffer offer, byte[] actualSha256) {
            rejected.add(actualSha256);
        }
    };

    private FileReceiver receiver() throws IOException {
        return new FileReceiver("cam1", store, new FileReceiver.Limits(1 << 20, 1000), new FileReceiver.Replies() {
            @Override
            public void send(Message m) {
                replies.add(m);
            }

            @Override
            public void storageFailed(IOException failure) {
                replies.add(new FileDone(new UUID(0, 0), FileDone.Status.REJECTED));
            }
        });
    }

    private Message awaitReply(int index) {
        await().atMost(Duration.ofSeconds(5)).until(() -> replies.size() > index);
        return replies.get(index);
    }

    @Test
    void resume_newConnectionAfterACut_continuesAtTheDurableOffsetAndVerifies() throws Exception {
        byte[] content = new byte[5000];
        new Random(1).nextBytes(content);
        FileOffer offer = new FileOffer(
                UUID.randomUUID(),
                FileKind.MODEL,
                "m.bin",
                content.length,
                MessageDigest.getInstance("SHA-256").digest(content));
        FileReceiver first = receiver();
        first.offer(offer);
        assertEquals(new FileAck(offer.fileId(), 0), awaitReply(0));
        first.chunk(new FileChunk(offer.fileId(), 0, Arrays.copyOf(content, 3000)));
        first.close(); // the link is cut

        FileReceiver second = receiver();
        second.offer(offer);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> replies.stream().anyMatch(m -> m.equals(new FileAck(offer.fileId(), 3000))));
        second.chunk(new FileChunk(offer.fileId(), 3000, Arrays.copyOfRange(content, 3000, 5000)));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> replies.contains(new FileDone(offer.fileId(), FileDone.Status.OK)));
        assertArrayEquals(content, Files.readAllBytes(stored.get(0)));
        second.close();

        // offered again after its FILE_DONE was lost: answered OK, not stored twice
        FileReceiver third = receiver();
        replies.clear();
        third.offer(offer);
        assertEquals(new FileDone(offer.fileId(), FileDone.Status.OK), awaitReply(0));
        assertEquals(1, stored.size());
        third.close();
    }

    @Test
    void reoffer_sameIdDifferentContent_startsAgainFromZero() throws Exception {
        UUID id = UUID.randomUUID();
        FileReceiver r = receiver();
        r.offer(new FileOffer(id, FileKind.LOG, "a.log", 100, new byte[32]));
        assertEquals(new FileAck(id, 0), awaitReply(0));
        r.chunk(new FileChunk(id, 0, new byte[50]));
        r.close();
        FileReceiver again = receiver();
        again.offer(new FileOffer(id, FileKind.LOG, "a.log", 200, new byte[32]));
        assertEquals(new FileAck(id, 0), awaitReply(1));
        again.close();
    }

    @Test
    void lastChunk_bytesNotMatchingTheOffer_answersHashMismatchAndReportsTheActualHash() throws Exception {
        byte[] content = new byte[100];
        new Random(3).nextBytes(content);
        byte[] other = MessageDigest.getInstance("SHA-256").digest(new byte[] {1});
        FileOffer offer = new FileOffer(UUID.randomUUID(), FileKind.SNAPSHOT, "a.jpg", content.length, other);
        FileReceiver r = receiver();
        r.offer(offer);
        assertEquals(new FileAck(offer.fileId(), 0), awaitReply(0));
        r.chunk(new FileChunk(offer.fileId(), 0, content));
        assertEquals(new FileDone(offer.fileId(), FileDone.Status.HASH_MISMATCH), awaitReply(1));
        assertEquals(List.of(), stored, "nothing reaches the store");
        assertEquals(1, rejected.size());
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(content), rejected.get(0));
        r.close();
    }

    @Test
    void emptyFile_completesAtOnce() throws Exception {
        byte[] empty = new byte[0];
        FileOffer offer = new FileOffer(
                UUID.randomUUID(),
                FileKind.LOG,
                "empty.log",
                0,
                MessageDigest.getInstance("SHA-256").digest(empty));
        FileReceiver r = receiver();
        r.offer(offer);
        assertEquals(new FileAck(offer.fileId(), 0), awaitReply(0));
        assertEquals(new FileDone(offer.fileId(), FileDone.Status.OK), awaitReply(1));
        assertTrue(Files.exists(stored.get(0)));
        r.close();
    }

    @Test
    void checkpoints_acknowledgeDurableOffsetsWhileReceiving() throws Exception {
        byte[] content = new byte[10_000];
        FileOffer offer = new FileOffer(
                UUID.randomUUID(),
                FileKind.LOG,
                "big.log",
                content.length,
                MessageDigest.getInstance("SHA-256").digest(content));
        FileReceiver r = receiver();
        r.offer(offer);
        awaitReply(0);
        for (int at = 0; at < content.length; at += 1000) {
            r.chunk(new FileChunk(offer.fileId(), at, new byte[1000]));
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> replies.contains(new FileDone(offer.fileId(), FileDone.Status.OK)));
        assertTrue(
                replies.stream()
                        .anyMatch(m ->
                                m instanceof FileAck a && a.durableOffset() > 0 && a.durableOffset() < content.length),
                "intermediate FILE_ACKs: " + replies);
        r.close();
    }
}
