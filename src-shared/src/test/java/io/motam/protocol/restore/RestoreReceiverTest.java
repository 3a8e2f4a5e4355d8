package io.motam.protocol.restore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.motam.domain.FileKind;
import io.motam.protocol.frame.OutOfWindowException;
import io.motam.protocol.frame.UnexpectedMessageException;
import io.motam.protocol.message.RestoreChunk;
import io.motam.protocol.message.RestoreOffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestoreReceiverTest {
    @TempDir
    Path dir;

    private static RestoreOffer offerOf(String name, byte[] content) {
        return new RestoreFile(FileKind.MODEL, name, content).offer();
    }

    @Test
    void chunks_matchingHash_fileRenamedIntoPlace() throws Exception {
        byte[] content = {1, 2, 3, 4, 5};
        try (RestoreReceiver r = new RestoreReceiver(dir)) {
            assertEquals(RestoreReceiver.Outcome.RECEIVING, r.offer(offerOf("m.bin", content)));
            assertEquals(RestoreReceiver.Outcome.RECEIVING, r.chunk(new RestoreChunk(0, new byte[] {1, 2})));
            assertEquals(RestoreReceiver.Outcome.DONE, r.chunk(new RestoreChunk(2, new byte[] {3, 4, 5})));
            assertArrayEquals(content, Files.readAllBytes(r.result().orElseThrow()));
        }
        assertFalse(Files.exists(dir.resolve(".m.bin.part")));
    }

    @Test
    void chunks_hashMismatch_partialDeleted_earlierFileKept() throws Exception {
        Files.write(dir.resolve("m.bin"), new byte[] {9});
        try (RestoreReceiver r = new RestoreReceiver(dir)) {
            r.offer(offerOf("m.bin", new byte[] {1, 2, 3}));
            assertEquals(RestoreReceiver.Outcome.MISMATCH, r.chunk(new RestoreChunk(0, new byte[] {1, 2, 4})));
            assertFalse(r.result().isPresent());
        }
        assertArrayEquals(new byte[] {9}, Files.readAllBytes(dir.resolve("m.bin")));
        assertFalse(Files.exists(dir.resolve(".m.bin.part")));
    }

    @Test
    void chunk_atAnotherOffset_throwsOutOfWindow() throws Exception {
        try (RestoreReceiver r = new RestoreReceiver(dir)) {
            r.offer(offerOf("m.bin", new byte[] {1, 2, 3}));
            assertThrows(OutOfWindowException.class, () -> r.chunk(new RestoreChunk(1, new byte[] {2})));
        }
    }

    @Test
    void chunk_pastTheSize_throwsOutOfWindow() throws Exception {
        try (RestoreReceiver r = new RestoreReceiver(dir)) {
            r.offer(offerOf("m.bin", new byte[] {1, 2}));
            assertThrows(OutOfWindowException.class, () -> r.chunk(new RestoreChunk(0, new byte[] {1, 2, 3})));
        }
    }

    @Test
    void chunk_withoutOffer_throwsUnexpected() {
        try (RestoreReceiver r = new RestoreReceiver(dir)) {
            assertThrows(UnexpectedMessageException.class, () -> r.chunk(new RestoreChunk(0, new byte[] {1})));
        }
    }

    @Test
    void close_midTransfer_deletesPartial() throws Exception {
        RestoreReceiver r = new RestoreReceiver(dir);
        r.offer(offerOf("m.bin", new byte[] {1, 2, 3}));
        r.chunk(new RestoreChunk(0, new byte[] {1}));
        r.close();
        assertFalse(Files.exists(dir.resolve(".m.bin.part")));
        assertFalse(Files.exists(dir.resolve("m.bin")));
    }
}
