package io.motam.camera.uplink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.domain.FileKind;
import io.motam.protocol.file.FileOutbox;
import io.motam.protocol.file.QueuedFile;
import io.motam.protocol.message.FileOffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.SizeRotatingFileHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotated logs to the file queue, against the JBoss LogManager handler Quarkus configures for
 * {@code quarkus.log.file.*} (size rotation, numbered backups, rotation at start).
 */
class LogShipperTest {
    private static final int ROTATE_SIZE = 4_000;
    private static final int BACKUPS = 3;

    @TempDir
    Path dir;

    private Path live;
    private SizeRotatingFileHandler handler;
    private FileOutbox queue;
    private int line;

    @BeforeEach
    void setUp() throws Exception {
        live = dir.resolve("logs").resolve("camera.log");
        Files.createDirectories(live.getParent());
        handler = handler();
        queue = FileOutbox.open(dir.resolve("queue"), FileOutbox.Limits.DEFAULT);
    }

    @AfterEach
    void tearDown() {
        handler.close();
    }

    private SizeRotatingFileHandler handler() throws Exception {
        SizeRotatingFileHandler h = new SizeRotatingFileHandler(ROTATE_SIZE, BACKUPS);
        h.setRotateOnBoot(true);
        h.setFormatter(new PatternFormatter("%s%n"));
        h.setFile(live.toFile());
        return h;
    }

    /** Writes log lines until the handler has rotated {@code rotations} more times. */
    private void log(int rotations) throws Exception {
        long size = Files.size(live);
        for (int done = 0; done < rotations; ) {
            handler.publish(new ExtLogRecord(
                    Level.INFO, String.format("line %06d %s", ++line, "x".repeat(35)), LogShipperTest.class.getName()));
            handler.flush();
            long now = Files.size(live);
            if (now < size) {
                done++;
            }
            size = now;
        }
    }

    private LogShipper shipper() {
        return new LogShipper(live, queue, dir.resolve("logs-shipped.txt"));
    }

    private List<QueuedFile> queued() {
        return queue.queued();
    }

    private List<Path> rotatedFiles() throws Exception {
        try (var s = Files.list(live.getParent())) {
            return s.filter(p -> p.getFileName().toString().startsWith("camera.log."))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void rotatedFiles_areQueuedOnceEach_asLogsWithTheirExactContent() throws Exception {
        log(2);
        List<Path> rotated = rotatedFiles();
        assertEquals(2, rotated.size(), "the handler rotated twice");
        assertEquals(2, shipper().shipOnce());
        List<QueuedFile> q = queued();
        assertEquals(2, q.size());
        Set<String> contents = new HashSet<>();
        for (Path p : rotated) {
            contents.add(Files.readString(p));
        }
        for (QueuedFile f : q) {
            assertEquals(FileKind.LOG, f.offer().kind());
            assertTrue(
                    f.offer().name().matches("camera-\\d{8}T\\d{6}\\.\\d{3}Z\\.log"),
                    f.offer().name());
            assertTrue(FileOffer.NAME.matcher(f.offer().name()).matches());
            assertTrue(contents.contains(Files.readString(f.data())), "a queued log is one rotated file, whole");
        }
        assertTrue(
                Files.readString(live).isEmpty() || !contents.contains(Files.readString(live)),
                "the live file is not sent");

        assertEquals(0, shipper().shipOnce(), "nothing twice, even from a new shipper (a restart)");
        assertEquals(2, queued().size());
    }

    @Test
    void afterTheHandlerRenamesBackups_onlyTheNewRotationIsQueued() throws Exception {
        log(1);
        byte[] first = Files.readAllBytes(rotatedFiles().get(0));
        assertEquals(1, shipper().shipOnce());
        log(1); // camera.log.1 becomes camera.log.2; a new camera.log.1
        assertEquals(2, rotatedFiles().size());
        assertEquals(1, shipper().shipOnce(), "the renamed file is known by its inode, size and time");
        List<QueuedFile> q = queued();
        assertArrayEquals(first, Files.readAllBytes(q.get(0).data()));
        assertArrayEquals(
                Files.readAllBytes(live.resolveSibling("camera.log.1")),
                Files.readAllBytes(q.get(1).data()));
    }

    @Test
    void restart_rotatesTheLastRunsLog_whichIsThenQueued() throws Exception {
        handler.publish(new ExtLogRecord(Level.INFO, "the last line before a restart", LogShipperTest.class.getName()));
        handler.close();
        assertEquals(0, shipper().shipOnce(), "a live file is never sent");
        handler = handler(); // rotate-on-boot, as quarkus.log.file.rotation.rotate-on-boot=true
        assertEquals(1, shipper().shipOnce());
        assertEquals(
                "the last line before a restart\n",
                Files.readString(queued().get(0).data()));
    }

    @Test
    void record_keepsOnlyTheFilesStillThere() throws Exception {
        log(1);
        assertEquals(1, shipper().shipOnce());
        log(BACKUPS + 1); // the first rotated file is deleted by the handler (over its backup index)
        assertEquals(BACKUPS, rotatedFiles().size());
        assertEquals(BACKUPS, shipper().shipOnce());
        assertEquals(
                BACKUPS,
                Files.readAllLines(dir.resolve("logs-shipped.txt")).size(),
                "the record names the files present, no more");
        assertEquals(BACKUPS + 1, queued().size());
    }
}
