package io.motam.camera.pipeline;

import io.motam.camera.config.CameraConfig;
import io.motam.camera.vision.source.CapturedFrame;
import io.motam.camera.vision.source.FrameSource;
import io.motam.camera.vision.source.FrameSourceException;
import io.motam.camera.vision.source.FrameSources;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps frames flowing from {@code motam.camera.source} into the {@link Pipeline}:
 * <ul>
 *   <li>opens the source ({@code RUNNING}); a live one (device, stream, command) that cannot be
 *       opened or stops delivering is reopened with a backoff from 1 s up to a minute
 *       ({@code RETRYING}), logging only when the problem changes;</li>
 *   <li>a file source that ends or cannot be read leaves the thread {@code IDLE} until stop; an
 *       unreadable playlist item is skipped (10 in a row end the source);</li>
 *   <li>plays recorded media at {@code playback-speed} (the pairing scan at real time at most, so
 *       that a QR code shown in a file is not skipped), and lets through at most one frame per
 *       {@code frame-interval} of media time;</li>
 *   <li>skips a frame the pipeline cannot process (50 in a row count as a lost source);</li>
 *   <li>records progress for the stall watch ({@link VisionStatus}).</li>
 * </ul>
 * {@link #run} belongs to the vision thread; {@link #stop} may be called from any thread.
 */
final class SourceSupervisor {
    private static final Logger LOG = Logger.getLogger(SourceSupervisor.class);
    static final long MIN_BACKOFF_MILLIS = 1_000;
    static final long MAX_BACKOFF_MILLIS = 60_000;
    static final int MAX_FAILED_FRAMES = 50;
    static final int MAX_FAILED_READS = 10;

    private final CameraConfig camera;
    private final VisionStatus status;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;

    SourceSupervisor(CameraConfig camera, VisionStatus status) {
        this.camera = Objects.requireNonNull(camera, "camera");
        this.status = Objects.requireNonNull(status, "status");
    }

    /** Ends {@link #run} and any wait in it (a device read in progress may hold it longer). */
    void stop() {
        running = false;
        stopped.countDown();
    }

    /**
     * Plays the source into {@code pipeline} until {@link #stop}; with a file source, until it
     * ended or failed and then stop.
     *
     * @throws IllegalArgumentException for a bad {@code motam.camera.*} setting (names the key)
     */
    void run(Pipeline pipeline) {
        boolean live = FrameSources.live(camera.source());
        long backoff = MIN_BACKOFF_MILLIS;
        String lastProblem = null;
        while (running) {
            try (FrameSource source = FrameSources.open(camera.source(), VisionFactory.sourceOptions(camera))) {
                status.moveTo(VisionState.RUNNING, "");
                LOG.infof("reading frames from %s", source.name());
                if (lastProblem != null) {
                    LOG.infof("camera source is back: %s", source.name());
                    lastProblem = null;
                }
                backoff = MIN_BACKOFF_MILLIS;
                play(source, pipeline, live);
                if (!running) {
                    return;
                }
                if (!live) {
                    status.moveTo(VisionState.IDLE, "the frame source ended");
                    LOG.info("the frame source ended; waiting for commands");
                    pause(Long.MAX_VALUE);
                    return;
                }
                LOG.warnf("camera %s stopped delivering frames; reopening", source.name());
            } catch (FrameSourceException e) {
                if (!live) {
                    status.moveTo(VisionState.IDLE, e.getMessage());
                    LOG.errorf(
                            "camera cannot read %s: %s (fix motam.camera.source and restart)",
                            camera.source(), e.getMessage());
                    pause(Long.MAX_VALUE);
                    return;
                }
                status.moveTo(VisionState.RETRYING, e.getMessage());
                if (!e.getMessage().equals(lastProblem)) {
                    lastProblem = e.getMessage();
                    LOG.errorf(
                            "camera unavailable: %s; retrying with a backoff up to %d s",
                            lastProblem, MAX_BACKOFF_MILLIS / 1000);
                } else {
                    LOG.debugf("camera still unavailable: %s", lastProblem);
                }
            }
            pause(backoff);
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
    }

    private void play(FrameSource source, Pipeline pipeline, boolean live) throws FrameSourceException {
        double speed = live ? 0 : camera.playbackSpeed();
        Pacer pacer = new Pacer(speed);
        Pacer pairingPacer = speed == 0 && !live ? new Pacer(1.0) : pacer;
        FrameSampler sampler = new FrameSampler(VisionFactory.micros(camera.frameInterval()));
        int failedFrames = 0;
        int failedReads = 0;
        while (running) {
            Optional<CapturedFrame> next;
            try {
                next = source.next();
                status.progressed();
                failedReads = 0;
            } catch (FrameSourceException e) {
                if (live || ++failedReads >= MAX_FAILED_READS) {
                    throw e;
                }
                LOG.errorf("skipping unreadable input: %s", e.getMessage()); // a playlist goes on with its next item
                continue;
            }
            if (next.isEmpty()) {
                return;
            }
            try (CapturedFrame frame = next.get()) {
                long at = frame.timestampMicros();
                (pipeline.phase() == PipelinePhase.PAIRING ? pairingPacer : pacer).await(at);
                if (!sampler.take(at)) {
                    continue;
                }
                try {
                    pipeline.process(frame);
                    failedFrames = 0;
                } catch (RuntimeException e) {
                    failedFrames++;
                    if (failedFrames == 1 || failedFrames % 10 == 0) {
                        LOG.warnf(
                                "skipped a %dx%d frame of %s that could not be processed: %s",
                                frame.width(), frame.height(), frame.origin(), e.getMessage());
                    }
                    if (failedFrames >= MAX_FAILED_FRAMES) {
                        throw new FrameSourceException(
                                MAX_FAILED_FRAMES + " frames in a row of " + source.name() + " could not be processed: "
                                        + e.getMessage(),
                                e);
                    }
                }
            }
        }
    }

    /** Waits on purpose for {@code millis} or until stop. */
    private void pause(long millis) {
        status.beginWait();
        try {
            stopped.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            status.endWait();
        }
    }
}
