package io.motam.gateway.link;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.gateway.backup.BackupStore;
import io.motam.gateway.link.FileHandOverChild.Step;
import io.motam.protocol.file.FileReceiver;
import io.motam.protocol.message.FileAck;
import io.motam.protocol.message.FileChunk;
import io.motam.protocol.message.FileDone;
import io.motam.protocol.message.FileOffer;
import io.motam.protocol.message.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A gateway process receiving a file is killed with SIGKILL at each step of the hand-over
 * ({@link FileHandOverChild}); a new gateway on the same backup store then gets the camera's
 * re-offer. Whatever the step, the file ends up stored exactly once, intact, and a file answered
 * OK before the kill is in the store after it.
 */
class FileHandOverCrashTest {
    private static final FileReceiver.Limits LIMITS =
            new FileReceiver.Limits(FileHandOverChild.SIZE, 256 * 1024, false);

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Step.class)
    void killNine_atAStepOfTheHandOver_fileIsStoredOnceOrSentAgain_neverAcknowledgedAndLost(Step step)
            throws Exception {
        Path work = Files.createDirectories(tmp.resolve(step.name()));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        FileHandOverChild.class.getName(),
                        work.toString(),
                        step.name())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("child.log").toFile())
                .start();
        try {
            await("child at " + step)
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> Files.exists(work.resolve("at-step")) || !child.isAlive());
            assertTrue(
                    child.isAlive(),
                    "the child died before " + step + ": " + Files.readString(work.resolve("child.log")));
        } finally {
            child.destroyForcibly(); // SIGKILL
            assertTrue(child.waitFor(10, TimeUnit.SECONDS), "child did not die");
        }
        boolean acknowledged = Files.exists(work.resolve("ok"));
        assertEquals(step == Step.AFTER_OK, acknowledged, "OK is answered only after the index line is durable");

        FileOffer offer = FileHandOverChild.offer();
        byte[] content = FileHandOverChild.content();
        try (BackupStore store = FileHandOverChild.openStore(work.resolve("backup"))) {
            if (acknowledged) {
                assertTrue(
                        store.holds(FileHandOverChild.CAMERA, offer.kind(), offer.sha256()),
                        "acknowledged before the kill, so in the store after it");
            }
            LinkedBlockingQueue<Message> replies = new LinkedBlockingQueue<>();
            FileReceiver receiver = new FileReceiver(
                    FileHandOverChild.CAMERA, new BackupReceivedFiles(store), LIMITS, new FileReceiver.Replies() {
                        @Override
                        public void send(Message m) {
                            replies.add(m);
                        }

                        @Override
                        public void storageFailed(IOException failure) {
                            replies.add(new FileDone(offer.fileId(), FileDone.Status.REJECTED));
                        }
                    });
            long resumedAt = -1;
            try {
                receiver.offer(offer); // the camera still has the file (or never heard the OK) and offers it again
                Message first = replies.poll(30, TimeUnit.SECONDS);
                if (first instanceof FileAck ack) {
                    resumedAt = ack.durableOffset();
                    for (long at = resumedAt; at < content.length; at += FileHandOverChild.CHUNK) {
                        int end = (int) Math.min(content.length, at + FileHandOverChild.CHUNK);
                        receiver.chunk(new FileChunk(offer.fileId(), at, Arrays.copyOfRange(content, (int) at, end)));
                    }
                    Message done;
                    do {
                        done = replies.poll(30, TimeUnit.SECONDS);
                    } while (done instanceof FileAck);
                    assertEquals(new FileDone(offer.fileId(), FileDone.Status.OK), done, "after sending it again");
                } else {
                    assertEquals(new FileDone(offer.fileId(), FileDone.Status.OK), first, "the re-offer's answer");
                }
            } finally {
                receiver.close();
            }
            switch (step) {
                case MID_TRANSFER ->
                    assertTrue(
                            resumedAt >= FileHandOverChild.SIZE / 4,
                            "resumed from the last checkpoint, not from 0: " + resumedAt);
                case BEFORE_STORE ->
                    assertEquals(FileHandOverChild.SIZE, resumedAt, "the whole verified part file was kept");
                case BEFORE_INDEX_LINE -> assertEquals(0, resumedAt, "unindexed, so deleted at start and sent again");
                case AFTER_INDEX_LINE, AFTER_OK -> assertEquals(-1, resumedAt, "indexed, so answered OK at once");
            }
            var listed = store.list(Optional.of(FileHandOverChild.CAMERA));
            assertEquals(1, listed.size(), "stored exactly once: " + listed);
            assertArrayEquals(content, store.readVerified(listed.get(0).file()));
        }
    }
}
