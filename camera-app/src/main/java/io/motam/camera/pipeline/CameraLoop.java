package io.motam.camera.pipeline;

import io.motam.camera.config.CameraConfig;
import io.motam.camera.config.RecognitionConfig;
import io.motam.camera.evidence.FileDispatch;
import io.motam.camera.evidence.SnapshotWriter;
import io.motam.camera.mode.CameraController;
import io.motam.camera.pairing.FramePairing;
import io.motam.camera.pairing.OfferInbox;
import io.motam.camera.pairing.PairingStatus;
import io.motam.camera.pairing.QrFrameScanner;
import io.motam.camera.recognition.FaceEngine;
import io.motam.camera.recognition.ModelBackup;
import io.motam.camera.recognition.Recogniser;
import io.motam.camera.tracking.FaceTracker;
import io.motam.camera.tracking.PresenceMonitor;
import io.motam.camera.uplink.RestoredModel;
import io.motam.camera.vision.VisionModelException;
import io.motam.camera.vision.detect.FaceFinder;
import io.motam.camera.vision.source.CapturedFrame;
import io.motam.camera.vision.source.FrameSource;
import io.motam.camera.vision.source.FrameSourceException;
import io.motam.camera.vision.source.FrameSources;
import io.motam.domain.CameraMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The camera's vision thread ({@code motam-vision}). Phases, in order:
 * <ol>
 *   <li>while no gateway is paired (and {@code qr-scan} is on): scan frames for the pairing QR
 *       code ({@link FramePairing}); files play at real time at most meanwhile;</li>
 *   <li>enrolment of the subject in front of the camera ({@link Enrolment}), merged with a restored
 *       model: the one the gateway sends back ({@code motam.recognition.restore}, waited for at
 *       most {@code restore-wait}), else {@code motam.recognition.model-file} if it exists;</li>
 *   <li>watching ({@link Watch}): tracking, presence, checks, snapshots; the model is backed up.</li>
 * </ol>
 * Frames are processed at most every {@code frame-interval} of media time.
 *
 * <p>Failures never crash-loop: a bad setting or model file is logged once and the camera stays
 * up (connected to its gateway) without vision; an unreadable file source is logged once and
 * skipped (a playlist goes on with its next item); a missing or lost camera device is retried
 * with a backoff up to a minute, logging only when the problem changes; a frame that cannot be
 * processed is skipped (50 in a row count as a lost source).
 */
@ApplicationScoped
public class CameraLoop {
    private static final Logger LOG = Logger.getLogger(CameraLoop.class);
    static final long MAX_BACKOFF_MILLIS = 60_000;
    static final int MAX_FAILED_FRAMES = 50;
    static final int MAX_FAILED_READS = 10;

    @Inject CameraConfig camera;
    @Inject RecognitionConfig recognition;
    @Inject CameraController controller;
    @Inject FileDispatch dispatch;
    @Inject OfferInbox inbox;
    @Inject PairingStatus pairing;
    @Inject RestoredModel restoredModel;

    @ConfigProperty(name = "motam.data-dir")
    Path dataDir;

    private volatile boolean running;
    private volatile String status = "starting";
    /** When the vision thread last read a frame or finished a deliberate wait ({@link System#nanoTime()}). */
    private volatile long progressNanos = System.nanoTime();
    /** True while the vision thread waits on purpose (a backoff, an ended source, a restore). */
    private volatile boolean waiting;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Thread worker;

    /** What the vision thread has reached; survives a reopened source. */
    private final class Phases {
        final FaceFinder finder;
        final FaceEngine engine;
        final ModelBackup backup;
        FramePairing pairingPhase;
        Enrolment enrolment;
        Recogniser recogniser;
        Watch watch;

        Phases(FaceFinder finder, FaceEngine engine, ModelBackup backup) {
            this.finder = finder;
            this.engine = engine;
            this.backup = backup;
        }

        boolean pairing() {
            return pairingPhase != null;
        }

        void process(CapturedFrame frame) {
            if (pairingPhase != null) {
                status = "pairing";
                if (!pairingPhase.offer(frame)) {
                    LOG.infof("paired with a gateway; enrolment starts (%d frames scanned for a QR code)",
                            pairingPhase.scans());
                    pairingPhase = null;
                }
                return;
            }
            if (watch != null) {
                status = "watching";
                watch.process(frame);
                return;
            }
            status = "enrolling";
            if (controller.mode() != CameraMode.ENROLLING || !enrolment.offer(frame)) {
                return;
            }
            int samples = enrolment.collected();
            double threshold = enrolment.finish(recognition.threshold());
            recogniser = new Recogniser(engine, threshold, recognition.reinforceEvery(),
                    recognition.reinforceMargin(), backup);
            controller.enrolled(samples, threshold);
            backup.saveNow(engine);
            Optional<SnapshotWriter> snapshots = Optional.of(new SnapshotWriter(dataDir.resolve("snapshots"),
                    camera.id(), camera.snapshotQuality(), camera.snapshotKeep(), dispatch));
            watch = new Watch(VisionFactory.watchSettings(camera), finder, recogniser,
                    new FaceTracker(VisionFactory.trackerSettings(camera)),
                    new PresenceMonitor(VisionFactory.presenceSettings(camera)), controller, snapshots,
                    Clock.systemUTC());
        }
    }

    /**
     * What the vision thread is doing, for operators and tests: {@code starting}, {@code restoring}, {@code pairing},
     * {@code enrolling}, {@code watching}, {@code idle: <why>}, {@code retrying: <why>}, {@code stopped}.
     */
    public String status() {
        return status;
    }

    /**
     * Empty while the vision thread makes progress: it read a frame or ended a deliberate wait
     * within {@code limit}, or it is waiting on purpose, or it has ended (stopped, or idle after a
     * logged failure). Otherwise why not: a frame read or a frame's processing that hangs.
     */
    public Optional<String> stalled(Duration limit) {
        Thread w = worker;
        if (w == null || !w.isAlive() || waiting) {
            return Optional.empty();
        }
        long idleMillis = (System.nanoTime() - progressNanos) / 1_000_000;
        if (idleMillis <= limit.toMillis()) {
            return Optional.empty();
        }
        return Optional.of("the vision thread made no progress for " + idleMillis + " ms (" + status + ")");
    }

    void start(@Observes StartupEvent ev) {
        progressNanos = System.nanoTime();
        running = true;
        worker = new Thread(this::run, "motam-vision");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        status = "stopped";
        stopped.countDown();
        if (worker != null) {
            try {
                worker.join(5_000); // lets it save the model; a device read may hold it longer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try {
            VisionFactory.presenceSettings(camera); // bad zone or timings fail now, not after enrolment
            VisionFactory.trackerSettings(camera);
            VisionFactory.watchSettings(camera);
            try (VisionFactory.Vision vision = VisionFactory.open(recognition)) {
                FaceFinder finder = vision.finder();
                FaceEngine engine = vision.engine();
                Phases phases = new Phases(finder, engine, new ModelBackup(dataDir.resolve("model"), dispatch,
                        recognition.backupInterval()));
                restore(engine);
                if (camera.qrScan() && !pairing.paired()) {
                    LOG.info("no gateway paired yet: looking for its pairing QR code in the camera's frames");
                    phases.pairingPhase = new FramePairing(new QrFrameScanner(VisionFactory.micros(camera.qrScanInterval()),
                            QrFrameScanner.DEFAULT_MAX_WIDTH), inbox, pairing::paired);
                }
                try (Enrolment enrolment = new Enrolment(finder, engine, recognition.enrolSamples(),
                        VisionFactory.micros(recognition.enrolInterval()))) {
                    phases.enrolment = enrolment;
                    LOG.infof("vision: %s, %s; enrolling %d samples", finder.describe(), engine.describe(),
                            recognition.enrolSamples());
                    sources(phases);
                } finally {
                    if (phases.recogniser != null) {
                        phases.recogniser.close();
                        phases.backup.flush(engine);
                    }
                }
            }
        } catch (VisionModelException e) {
            status = "idle: " + e.getMessage();
            LOG.errorf("camera cannot run: %s (fix motam.recognition.* and restart)", e.getMessage());
        } catch (IllegalArgumentException e) {
            status = "idle: bad setting: " + e.getMessage();
            LOG.errorf("camera cannot run: bad setting: %s", e.getMessage());
        } catch (RuntimeException e) {
            status = "idle: " + e;
            LOG.errorf(e, "vision loop failed");
        }
        if (!running) {
            status = "stopped";
        }
    }

    private void restore(FaceEngine engine) {
        Optional<Path> fromGateway = fromGateway();
        if (fromGateway.isPresent()) {
            try {
                engine.restore(fromGateway.get());
                LOG.infof("model restored from the gateway %s (%d samples) will be merged with the enrolment",
                        fromGateway.get(), engine.size());
                return;
            } catch (IOException | RuntimeException e) {
                LOG.errorf("model restored from the gateway %s is unusable: %s", fromGateway.get(), e.getMessage());
            }
        }
        Optional<Path> file = recognition.modelFile();
        if (file.isEmpty()) {
            return;
        }
        if (!Files.exists(file.get())) {
            LOG.infof("no model to restore at %s: learning from the enrolment alone", file.get());
            return;
        }
        try {
            engine.restore(file.get());
            LOG.infof("restored model %s (%d samples) will be merged with the enrolment", file.get(), engine.size());
        } catch (IOException | RuntimeException e) {
            LOG.errorf("restored model %s is unusable, learning from the enrolment alone: %s", file.get(),
                    e.getMessage());
        }
    }

    /** The model the gateway sent back, waited for at most {@code restore-wait}; empty when off, unpaired or none. */
    private Optional<Path> fromGateway() {
        if (!recognition.restore() || !pairing.paired()) {
            return Optional.empty();
        }
        status = "restoring";
        waiting = true;
        try {
            Optional<Path> file = restoredModel.await(recognition.restoreWait());
            if (file.isEmpty() && !restoredModel.answered()) {
                LOG.infof("no model from the gateway within %s: enrolling without it", recognition.restoreWait());
            }
            return file;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            progressNanos = System.nanoTime();
            waiting = false;
        }
    }

    /** Opens the source and plays it; retries devices with a backoff; never returns early on files. */
    private void sources(Phases phases) {
        boolean live = FrameSources.live(camera.source());
        long backoff = 1_000;
        String lastProblem = null;
        while (running) {
            try (FrameSource source = FrameSources.open(camera.source(), VisionFactory.sourceOptions(camera))) {
                LOG.infof("reading frames from %s", source.name());
                if (lastProblem != null) {
                    LOG.infof("camera source is back: %s", source.name());
                    lastProblem = null;
                }
                backoff = 1_000;
                play(source, phases, live);
                if (!running) {
                    return;
                }
                if (!live) {
                    status = "idle: the frame source ended";
                    LOG.info("the frame source ended; waiting for commands");
                    awaitStop(Long.MAX_VALUE);
                    return;
                }
                LOG.warnf("camera %s stopped delivering frames; reopening", source.name());
            } catch (FrameSourceException e) {
                if (!live) {
                    status = "idle: " + e.getMessage();
                    LOG.errorf("camera cannot read %s: %s (fix motam.camera.source and restart)", camera.source(),
                            e.getMessage());
                    awaitStop(Long.MAX_VALUE);
                    return;
                }
                status = "retrying: " + e.getMessage();
                if (!e.getMessage().equals(lastProblem)) {
                    lastProblem = e.getMessage();
                    LOG.errorf("camera unavailable: %s; retrying with a backoff up to %d s", lastProblem,
                            MAX_BACKOFF_MILLIS / 1000);
                } else {
                    LOG.debugf("camera still unavailable: %s", lastProblem);
                }
            }
            awaitStop(backoff);
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
    }

    private void play(FrameSource source, Phases phases, boolean live) throws FrameSourceException {
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
                progressNanos = System.nanoTime();
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
                (phases.pairing() ? pairingPacer : pacer).await(at);
                if (!sampler.take(at)) {
                    continue;
                }
                try {
                    phases.process(frame);
                    failedFrames = 0;
                } catch (RuntimeException e) {
                    failedFrames++;
                    if (failedFrames == 1 || failedFrames % 10 == 0) {
                        LOG.warnf("skipped a %dx%d frame of %s that could not be processed: %s", frame.width(),
                                frame.height(), frame.origin(), e.getMessage());
                    }
                    if (failedFrames >= MAX_FAILED_FRAMES) {
                        throw new FrameSourceException(MAX_FAILED_FRAMES + " frames in a row of " + source.name()
                                + " could not be processed: " + e.getMessage(), e);
                    }
                }
            }
        }
    }

    private void awaitStop(long millis) {
        waiting = true;
        try {
            stopped.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            progressNanos = System.nanoTime();
            waiting = false;
        }
    }
}
