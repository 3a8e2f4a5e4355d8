package io.motam.camera.vision.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.jboss.logging.Logger;

/**
 * Live frames from a program that writes video to its standard output, read through FFmpeg
 * (container and codec are probed: MJPEG, raw H.264, MPEG-TS …). Made for a Raspberry Pi camera
 * module: {@code rpicam-vid -t 0 -n --codec mjpeg -o -} (Bookworm and Trixie; {@code libcamera-vid}
 * on older releases).
 *
 * <p>The program is started directly (no shell) with the given arguments; its standard error is
 * logged at DEBUG and its last line kept for error messages (at most {@link #MAX_ERROR_LINE}
 * characters). When the program exits, the source ends; when it writes nothing for
 * {@code stallTimeout} (before the first frame or between two), it is killed and the source ends
 * or fails, so the camera loop reopens it with its backoff instead of hanging. Closing the source
 * ends the program (SIGTERM, then SIGKILL after {@link #EXIT_WAIT}). Timestamps are wall time since
 * the start, in microseconds.
 */
public final class CommandSource extends GrabberSource {

    private static final Logger LOG = Logger.getLogger(CommandSource.class);
    /** Used when the output declares no frame rate. */
    static final double FALLBACK_FRAME_RATE = 30.0;
    /** Default longest time without a frame before the program is killed. */
    static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(10);
    /** Longest wait for the program to exit after SIGTERM. */
    static final Duration EXIT_WAIT = Duration.ofSeconds(2);
    /** Longest standard-error line kept for messages. */
    static final int MAX_ERROR_LINE = 300;

    private final Process process;
    private final ErrorTail errors;
    private final ScheduledExecutorService stallWatch;
    private final long startedAtNanos;
    /** When the last frame (or the start) was seen; read by the stall watch. */
    private final AtomicLong lastFrameNanos;

    private CommandSource(
            String name,
            FFmpegFrameGrabber grabber,
            Process process,
            ErrorTail errors,
            ScheduledExecutorService stallWatch,
            long startedAtNanos,
            AtomicLong lastFrameNanos) {
        super(name, grabber, FALLBACK_FRAME_RATE);
        this.process = process;
        this.errors = errors;
        this.stallWatch = stallWatch;
        this.startedAtNanos = startedAtNanos;
        this.lastFrameNanos = lastFrameNanos;
    }

    /** The last line the program wrote to standard error, bounded. */
    private static final class ErrorTail implements Runnable {
        private final Process process;
        private final String name;
        private volatile String last = "";

        ErrorTail(Process process, String name) {
            this.process = process;
            this.name = name;
        }

        @Override
        public void run() {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (!line.isBlank()) {
                        last = line.length() > MAX_ERROR_LINE ? line.substring(0, MAX_ERROR_LINE) + "…" : line;
                        LOG.debugf("%s: %s", name, last);
                    }
                }
            } catch (IOException e) {
                // the program ended and its pipe closed
            }
        }

        String describe() {
            return last.isEmpty() ? "" : " (" + last + ")";
        }
    }

    /** Opens with {@link #DEFAULT_STALL_TIMEOUT}. */
    public static CommandSource open(List<String> command) throws FrameSourceException {
        return open(command, DEFAULT_STALL_TIMEOUT);
    }

    /**
     * Starts the program and reads the header of its output.
     *
     * @throws FrameSourceException if the program cannot start, exits or stays silent for
     *                              {@code stallTimeout} before its output can be decoded
     */
    public static CommandSource open(List<String> command, Duration stallTimeout) throws FrameSourceException {
        if (command.isEmpty() || command.get(0).isBlank()) {
            throw new FrameSourceException("expected a command but was empty");
        }
        String name = FrameSourceSpec.COMMAND_PREFIX + String.join(" ", command);
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            process.getOutputStream().close(); // the program gets no input
        } catch (IOException e) {
            throw new FrameSourceException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        ErrorTail errors = new ErrorTail(process, command.get(0));
        Thread drain = new Thread(errors, "motam-command-stderr");
        drain.setDaemon(true);
        drain.start();

        long startedAt = System.nanoTime();
        AtomicLong lastFrame = new AtomicLong(startedAt);
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "motam-command-watch");
            t.setDaemon(true);
            return t;
        });
        long checkMillis = Math.max(50, stallTimeout.toMillis() / 4);
        watch.scheduleWithFixedDelay(
                () -> {
                    if (process.isAlive() && System.nanoTime() - lastFrame.get() > stallTimeout.toNanos()) {
                        LOG.warnf("%s wrote no frame for %d ms: ending it", name, stallTimeout.toMillis());
                        process.destroyForcibly();
                    }
                },
                checkMillis,
                checkMillis,
                TimeUnit.MILLISECONDS);

        // maximumSize 0: no seek buffer, the pipe is read once and nothing accumulates
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(process.getInputStream(), 0);
        try {
            grabber.start();
            if (grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
                throw new FrameSourceException("no video in the output of " + name);
            }
        } catch (FrameGrabber.Exception | RuntimeException | FrameSourceException e) {
            closeQuietly(grabber, name);
            watch.shutdownNow();
            String exit = end(process);
            throw new FrameSourceException(
                    "cannot read video from " + name + ": " + exit + errors.describe()
                            + (e instanceof FrameSourceException ? "" : ": " + e.getMessage()),
                    e);
        }
        LOG.infof(
                "Started %s (pid %d): %dx%d (%s)",
                name, process.pid(), grabber.getImageWidth(), grabber.getImageHeight(), grabber.getFormat());
        lastFrame.set(System.nanoTime());
        return new CommandSource(name, grabber, process, errors, watch, startedAt, lastFrame);
    }

    /** Ends the program (SIGTERM, then SIGKILL) and says how it ended. */
    private static String end(Process process) {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        return process.isAlive() ? "still running" : "exit code " + process.exitValue();
    }

    /** The program's process id. */
    long pid() {
        return process.pid();
    }

    @Override
    protected long timestampMicros(Frame frame) {
        long now = System.nanoTime();
        lastFrameNanos.set(now);
        return (now - startedAtNanos) / 1_000;
    }

    @Override
    protected void logEnd() {
        String exit;
        try {
            exit = process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                    ? "exit code " + process.exitValue()
                    : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = "interrupted";
        }
        LOG.warnf("%s ended its output: %s%s", name(), exit, errors.describe());
    }

    @Override
    protected String readError() {
        return "cannot read the output of " + name();
    }

    @Override
    public void close() {
        stallWatch.shutdownNow();
        end(process); // its output closes, so a read still under way returns
        super.close();
    }
}
