package io.motam.gateway.link;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.motam.domain.FileKind;
import io.motam.gateway.backup.BackupListener;
import io.motam.gateway.backup.BackupStore;
import io.motam.gateway.backup.Retention;
import io.motam.gateway.storage.FaultyChannel;
import io.motam.protocol.file.FileReceiver;
import io.motam.protocol.file.ReceivedFiles;
import io.motam.protocol.message.FileAck;
import io.motam.protocol.message.FileChunk;
import io.motam.protocol.message.FileDone;
import io.motam.protocol.message.FileOffer;
import io.motam.protocol.message.Message;
import io.motam.storage.AppendOnlyFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A child process for {@link FileHandOverCrashTest}: a gateway's file path (the real
 * {@link FileReceiver}, {@link BackupReceivedFiles} and {@link BackupStore}) receiving one file,
 * which stops at the named {@link Step}, touches {@code <work>/at-step} and waits to be killed.
 * When it answers FILE_DONE OK it first writes {@code <work>/ok}.
 */
public final class FileHandOverChild {
    /** Where in the hand-over the child stops. */
    public enum Step {
        /** Half the file received and checkpointed. */
        MID_TRANSFER,
        /** The whole file received and verified, not yet handed to the store. */
        BEFORE_STORE,
        /** Renamed into the store, its index line not yet written. */
        BEFORE_INDEX_LINE,
        /** Index line fsync'd, not yet answered. */
        AFTER_INDEX_LINE,
        /** FILE_DONE OK sent. */
        AFTER_OK
    }

    static final String CAMERA = "cam-crash";
    static final int SIZE = 1 << 20;
    static final int CHUNK = 64 * 1024;
    static final UUID FILE_ID = new UUID(0x5eed, 42);

    private FileHandOverChild() {}

    static byte[] content() {
        byte[] b = new byte[SIZE];
        new Random(42).nextBytes(b);
        return b;
    }

    static FileOffer offer() throws Exception {
        return new FileOffer(
                FILE_ID,
                FileKind.LOG,
                "camera.log",
                SIZE,
                MessageDigest.getInstance("SHA-256").digest(content()));
    }

    static BackupStore openStore(Path root) throws IOException {
        return BackupStore.open(
                root, new Retention.Limits(Duration.ofDays(30), 1L << 30), new ObjectMapper(), Clock.systemUTC());
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Step step = Step.valueOf(args[1]);
        Runnable stopHere = () -> {
            try {
                Files.writeString(work.resolve("at-step"), step.name());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            while (true) {
                LockSupport.park();
            }
        };
        if (step == Step.BEFORE_INDEX_LINE) {
            AppendOnlyFile.replaceOpener(FaultyChannel.opener(
                    p -> p.getFileName().toString().equals("index.jsonl"), ch -> ch.beforeWrite(stopHere)));
        }
        BackupStore store = openStore(work.resolve("backup"));
        if (step == Step.AFTER_INDEX_LINE) {
            store.listen(c -> {
                if (c.outcome() == BackupListener.Outcome.STORED) {
                    stopHere.run();
                }
            });
        }
        ReceivedFiles files = new BackupReceivedFiles(store);
        ReceivedFiles stopping = new ReceivedFiles() {
            @Override
            public Path partialDir(String cameraId) throws IOException {
                return files.partialDir(cameraId);
            }

            @Override
            public boolean holds(String cameraId, FileOffer offer) throws IOException {
                return files.holds(cameraId, offer);
            }

            @Override
            public void completed(String cameraId, FileOffer offer, Path verifiedFile) throws IOException {
                if (step == Step.BEFORE_STORE) {
                    stopHere.run();
                }
                files.completed(cameraId, offer, verifiedFile);
            }
        };
        LinkedBlockingQueue<Message> replies = new LinkedBlockingQueue<>();
        FileReceiver receiver = new FileReceiver(
                CAMERA, stopping, new FileReceiver.Limits(SIZE, 256 * 1024, false), new FileReceiver.Replies() {
                    @Override
                    public void send(Message m) {
                        if (m instanceof FileDone d && d.status() == FileDone.Status.OK) {
                            try {
                                Files.writeString(work.resolve("ok"), "OK");
                            } catch (IOException e) {
                                throw new IllegalStateException(e);
                            }
                            if (step == Step.AFTER_OK) {
                                replies.add(m);
                                new Thread(stopHere).start();
                                return;
                            }
                        }
                        replies.add(m);
                    }

                    @Override
                    public void storageFailed(IOException failure) {
                        System.err.println("storage failed: " + failure);
                        System.exit(3);
                    }
                });
        receiver.offer(offer());
        Message first = replies.poll(30, TimeUnit.SECONDS);
        if (!(first instanceof FileAck ack) || ack.durableOffset() != 0) {
            throw new IllegalStateException("expected FILE_ACK 0 but was " + first);
        }
        byte[] content = content();
        for (int at = 0; at < SIZE; at += CHUNK) {
            receiver.chunk(new FileChunk(FILE_ID, at, Arrays.copyOfRange(content, at, at + CHUNK)));
            if (step == Step.MID_TRANSFER && at + CHUNK == SIZE / 2) {
                while (!(replies.poll(30, TimeUnit.SECONDS) instanceof FileAck a && a.durableOffset() >= SIZE / 4)) {
                    // wait for a checkpoint past a quarter
                }
                stopHere.run();
            }
        }
        replies.poll(60, TimeUnit.SECONDS);
        LockSupport.park(); // the test kills this process
    }
}
