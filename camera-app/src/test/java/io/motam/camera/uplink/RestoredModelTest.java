package io.motam.camera.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.domain.FileKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestoredModelTest {
    @TempDir
    Path dataDir;

    @Test
    void await_noAnswer_returnsEmptyAfterTheWait() throws Exception {
        RestoredModel m = new RestoredModel(dataDir);
        long start = System.nanoTime();
        assertEquals(Optional.empty(), m.await(Duration.ofMillis(50)));
        assertTrue(System.nanoTime() - start >= 40_000_000L);
        assertFalse(m.answered());
    }

    @Test
    void await_restored_returnsTheFileInTheRestoredFolder() throws Exception {
        RestoredModel m = new RestoredModel(dataDir);
        assertEquals(dataDir.resolve("restored"), m.folder());
        assertEquals(FileKind.MODEL, m.kind());
        Path file = m.folder().resolve("lbph-model.yml.gz");
        m.restored(FileKind.MODEL, file);
        assertEquals(Optional.of(file), m.await(Duration.ofSeconds(5)));
    }

    @Test
    void await_unavailable_returnsEmptyAtOnce() throws Exception {
        RestoredModel m = new RestoredModel(dataDir);
        m.unavailable(FileKind.MODEL);
        assertEquals(Optional.empty(), m.await(Duration.ofMinutes(1)));
        assertTrue(m.answered());
    }
}
