package io.motam.camera.vision.source;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.testing.Required;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code stream:} and {@code command:} sources (the path for a Raspberry Pi camera module) on
 * real FFmpeg output: an {@code ffmpeg} process serving MPEG-TS over TCP, and an {@code ffmpeg}
 * child writing MJPEG to its standard output, each read to its end; a program that fails, one
 * that stays silent, and closing while the program still runs.
 */
class StreamAndCommandSourcesTest {

    private Process server;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.destroyForcibly();
            server.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static String ffmpeg() {
        return Required.command("ffmpeg", "ffmpeg").toString();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Reads to the end; returns the frame count, checking size and rising timestamps. */
    private static int readToEnd(FrameSource source, int width, int height) throws Exception {
        int frames = 0;
        long previous = -1;
        for (Optional<CapturedFrame> next = source.next(); next.isPresent(); next = source.next()) {
            try (CapturedFrame f = next.get()) {
                assertEquals(width, f.width());
                assertEquals(height, f.height());
                assertEquals(3, f.bgr().channels());
                assertTrue(f.timestampMicros() >= previous, "timestamps must not go backwards");
                previous = f.timestampMicros();
                frames++;
            }
        }
        assertTrue(source.next().isEmpty(), "an ended source stays ended");
        return frames;
    }

    @Test
    void stream_tcpMpegtsFromFfmpeg_readsEveryFrameThenEndsWhenTheSenderStops() throws Exception {
        int port = freePort();
        // 2 s at 10 fps in real time, served to the first client that connects
        server = new ProcessBuilder(
                        ffmpeg(),
                        "-v",
                        "error",
                        "-re",
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc=size=320x240:rate=10:duration=2",
                        "-f",
                        "mpegts",
                        "tcp://127.0.0.1:" + port + "?listen=1")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String spec = "stream:tcp://127.0.0.1:" + port;
        assertTrue(FrameSources.live(spec));
        AtomicReference<FrameSource> opened = new AtomicReference<>();
        await("ffmpeg listening")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    try {
                        opened.set(FrameSources.open(spec));
                        return true;
                    } catch (FrameSourceException e) {
                        return false; // not listening yet
                    }
                });
        try (FrameSource source = opened.get()) {
            assertEquals(spec, source.name());
            int frames = readToEnd(source, 320, 240);
            assertTrue(frames >= 15 && frames <= 20, "expected about 20 frames but was " + frames);
        }
        assertTrue(server.waitFor(10, TimeUnit.SECONDS), "the sender ended");
    }

    @Test
    void stream_nobodyListening_failsNamingTheUrl() throws Exception {
        String url = "tcp://127.0.0.1:" + freePort();
        FrameSourceException e = assertThrows(FrameSourceException.class, () -> FrameSources.open("stream:" + url));
        assertTrue(e.getMessage().startsWith("cannot open stream " + url), e.getMessage());
    }

    @Test
    void command_mjpegOnStdout_readsEveryFrameThenEndsWhenTheProgramExits() throws Exception {
        String spec =
                "command:" + ffmpeg() + " -v error -f lavfi -i testsrc=size=320x240:rate=10:duration=2 -f mjpeg -";
        assertTrue(FrameSources.live(spec));
        try (FrameSource source = FrameSources.open(spec)) {
            assertEquals(spec, source.name());
            int frames = readToEnd(source, 320, 240);
            assertEquals(20, frames);
            assertFalse(ProcessHandle.of(((CommandSource) source).pid())
                    .map(ProcessHandle::isAlive)
                    .orElse(false));
        }
    }

    @Test
    void command_programFailsBeforeAnyFrame_failsWithExitCodeAndItsLastError() {
        String spec = "command:" + ffmpeg() + " -v error -i /nonexistent/motam.mp4 -f mjpeg -";
        FrameSourceException e = assertThrows(FrameSourceException.class, () -> FrameSources.open(spec));
        assertTrue(e.getMessage().contains("exit code 254") || e.getMessage().contains("exit code 1"), e.getMessage());
        assertTrue(e.getMessage().contains("No such file or directory"), e.getMessage());
    }

    @Test
    void command_missingProgram_failsNamingIt() {
        FrameSourceException e =
                assertThrows(FrameSourceException.class, () -> FrameSources.open("command:motam-no-such-program -o -"));
        assertTrue(e.getMessage().startsWith("cannot start motam-no-such-program"), e.getMessage());
    }

    @Test
    void command_silentProgram_isKilledAfterTheStallTimeoutAndFails() {
        long start = System.nanoTime();
        FrameSourceException e = assertThrows(
                FrameSourceException.class, () -> CommandSource.open(List.of("sleep", "60"), Duration.ofMillis(500)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 10_000, "expected to give up after about 0.5 s but took " + millis + " ms");
        assertTrue(e.getMessage().contains("exit code"), e.getMessage());
    }

    @Test
    void close_whileTheProgramRuns_endsTheProgram() throws Exception {
        String spec = "command:" + ffmpeg() + " -v error -re -f lavfi -i testsrc=size=160x120:rate=10 -f mjpeg -";
        CommandSource source = (CommandSource) FrameSources.open(spec);
        long pid = source.pid();
        try (CapturedFrame f = source.next().orElseThrow()) {
            assertEquals(160, f.width());
        }
        source.close();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "ffmpeg still runs after close");
    }

    @Test
    void parse_streamAndCommand_wholeSpecWithCommasAndQuotes() throws Exception {
        assertEquals(
                new FrameSourceSpec.Stream("udp://0.0.0.0:5000?fifo_size=1000,overrun_nonfatal=1"),
                FrameSourceSpec.parse(" stream:udp://0.0.0.0:5000?fifo_size=1000,overrun_nonfatal=1 "));
        FrameSourceSpec cmd = FrameSourceSpec.parse(
                "command:rpicam-vid -t 0 -n --codec mjpeg --width 640,480 " + "--annotate 'a b' \"c d\" -o -");
        assertInstanceOf(FrameSourceSpec.Command.class, cmd);
        assertEquals(
                List.of(
                        "rpicam-vid",
                        "-t",
                        "0",
                        "-n",
                        "--codec",
                        "mjpeg",
                        "--width",
                        "640,480",
                        "--annotate",
                        "a b",
                        "c d",
                        "-o",
                        "-"),
                ((FrameSourceSpec.Command) cmd).argv());
        assertTrue(cmd.live());
    }

    @Test
    void parse_badStreamOrCommand_throwsSayingWhatWasExpected() {
        assertTrue(assertThrows(FrameSourceException.class, () -> FrameSourceSpec.parse("stream:127.0.0.1:8888"))
                .getMessage()
                .startsWith("expected a URL such as tcp://127.0.0.1:8888"));
        assertTrue(assertThrows(FrameSourceException.class, () -> FrameSourceSpec.parse("command:   "))
                .getMessage()
                .startsWith("expected a program"));
        assertTrue(assertThrows(FrameSourceException.class, () -> FrameSourceSpec.parse("command:rpicam-vid 'open"))
                .getMessage()
                .startsWith("unclosed '"));
        assertTrue(assertThrows(
                        FrameSourceException.class,
                        () -> FrameSourceSpec.parse("command:x " + "a".repeat(FrameSourceSpecParser.MAX_COMMAND_CHARS)))
                .getMessage()
                .startsWith("expected a command of at most"));
    }

    @Test
    void live_devicesStreamsCommandsYes_filesNo() {
        assertTrue(FrameSources.live("device:/dev/motam-absent-video"));
        assertTrue(FrameSources.live("stream:tcp://127.0.0.1:1"));
        assertTrue(FrameSources.live("command:rpicam-vid -o -"));
        assertFalse(FrameSources.live(Path.of("/nonexistent/motam.mp4").toString()));
    }
}
