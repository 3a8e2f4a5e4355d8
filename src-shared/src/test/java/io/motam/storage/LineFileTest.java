package io.motam.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one append-only line file, on real files: torn tails, damaged lines, refused lines; and its siblings. */
class LineFileTest {
    /** A record is a line that starts with "ok". */
    private static final LineScan.Parser<String> OK_LINES = (b, from, length) -> {
        String s = new String(b, from, length, StandardCharsets.UTF_8);
        return s.startsWith("ok") ? Optional.of(s) : Optional.empty();
    };

    @TempDir
    Path dir;

    private List<String> reopen(Path file) throws IOException {
        List<String> seen = new ArrayList<>();
        try (LineFile<String> f = LineFile.open(file, false, 100, OK_LINES, seen::add)) {
            assertEquals(seen.size(), f.lineCount());
        }
        return seen;
    }

    @Test
    void open_tornLastLine_isCutAndTheNextAppendFollowsTheLastGoodLine() throws IOException {
        Path file = dir.resolve("f.lines");
        Files.writeString(file, "ok 1\nok 2\nok 3 torn");
        try (LineFile<String> f = LineFile.open(file, false, 100, OK_LINES, s -> {})) {
            assertEquals(10, f.size());
            f.append("ok 4".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("ok 1\nok 2\nok 4\n", Files.readString(file));
        assertEquals(List.of("ok 1", "ok 2", "ok 4"), reopen(file));
    }

    @Test
    void open_damagedLineWithGoodOnesAfterIt_isSkippedAndTheLinesAfterItAreKept() throws IOException {
        Path file = dir.resolve("f.lines");
        Files.writeString(file, "ok 1\n\u0000\u0000garbage\nok 3\nbad tail\n");
        assertEquals(List.of("ok 1", "ok 3"), reopen(file));
        assertEquals("ok 1\n\u0000\u0000garbage\nok 3\n", Files.readString(file), "only the bad tail is cut");
    }

    @Test
    void open_lineOverTheMaximum_isNotARecord() throws IOException {
        Path file = dir.resolve("f.lines");
        Files.writeString(file, "ok " + "x".repeat(200) + "\nok 2\n");
        assertEquals(List.of("ok 2"), reopen(file));
    }

    @Test
    void append_emptyOverlongOrMultiLine_isRefusedAndTheFileIsUnchanged() throws IOException {
        Path file = dir.resolve("f.lines");
        try (LineFile<String> f = LineFile.open(file, false, 10, OK_LINES, s -> {})) {
            f.append("ok 1".getBytes(StandardCharsets.UTF_8));
            assertThrows(IllegalArgumentException.class, () -> f.append(new byte[0]));
            assertThrows(
                    IllegalArgumentException.class, () -> f.append("ok 12345678".getBytes(StandardCharsets.UTF_8)));
            assertThrows(IllegalArgumentException.class, () -> f.append("ok\nok".getBytes(StandardCharsets.UTF_8)));
            assertEquals(1, f.lineCount());
        }
        assertEquals("ok 1\n", Files.readString(file));
    }

    @Test
    void read_leavesTheFileAsItIs_andSkipsWhatDoesNotParse() throws IOException {
        Path file = dir.resolve("rotated.lines");
        Files.writeString(file, "ok 1\nnope\nok 2\nok 3 torn");
        List<String> seen = new ArrayList<>();
        assertEquals(2, LineFile.read(file, 100, OK_LINES, seen::add));
        assertEquals(List.of("ok 1", "ok 2"), seen);
        assertEquals("ok 1\nnope\nok 2\nok 3 torn", Files.readString(file));
    }

    @Test
    void moveDurably_putsTheWholeFileUnderItsNewName() throws IOException {
        Path from = Files.writeString(dir.resolve("incoming.part"), "evidence");
        Path to = Files.createDirectories(dir.resolve("store")).resolve("a.jpg");
        AtomicFiles.moveDurably(from, to);
        assertEquals("evidence", Files.readString(to));
        assertEquals(false, Files.exists(from));
    }

    @Test
    void sha256_ofFileOfPrefixAndOfBytes_agreeWithTheJdkDigest() throws Exception {
        byte[] content = "some content to hash".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(dir.resolve("c.bin"), content);
        MessageDigest jdk = MessageDigest.getInstance("SHA-256");
        assertArrayEquals(jdk.digest(content), Sha256.of(file));
        assertArrayEquals(jdk.digest(content), Sha256.of(content));
        assertArrayEquals(jdk.digest("some".getBytes(StandardCharsets.UTF_8)), Sha256.of(file, 4));
        assertEquals(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Sha256.hex(Sha256.of("abc".getBytes(StandardCharsets.US_ASCII))),
                "FIPS 180-2 vector");
        assertThrows(IOException.class, () -> Sha256.of(file, content.length + 1));
    }
}
