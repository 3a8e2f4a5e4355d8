package io.motam.camera.pipeline;

import io.motam.camera.config.CameraConfig;
import io.motam.camera.config.RecognitionConfig;
import io.motam.camera.evidence.FileDispatch;
import io.motam.camera.mode.CameraController;
import io.motam.camera.pairing.OfferInbox;
import io.motam.camera.pairing.PairingStatus;
import io.motam.camera.uplink.RestoredModel;
import io.motam.camera.vision.VisionModelException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The camera's vision thread ({@code motam-vision}): starts at application start, builds the
 * {@link Pipeline} once ({@link VisionFactory#pipeline}), restores a saved model into its engine
 * ({@link ModelRestore}), then lets the {@link SourceSupervisor} feed it frames until shutdown.
 * Its state ({@link VisionState}) and progress are kept by a {@link VisionStatus}.
 *
 * <p>Failures never crash-loop: a bad setting or model file is logged once and the camera stays
 * up (connected to its gateway) without vision ({@code idle: <why>}); source failures are handled
 * by the {@link SourceSupervisor}.
 */
@ApplicationScoped
public class CameraLoop {
    private static final Logger LOG = Logger.getLogger(CameraLoop.class);
    /** How long shutdown waits for the vision thread to save the model; a device read may hold it longer. */
    private static final long JOIN_MILLIS = 5_000;

    @Inject
    CameraConfig camera;

    @Inject
    RecognitionConfig recognition;

    @Inject
    CameraController controller;

    @Inject
    FileDispatch dispatch;

    @Inject
    OfferInbox inbox;

    @Inject
    PairingStatus pairing;

    @Inject
    RestoredModel restoredModel;

    @ConfigProperty(name = "motam.data-dir")
    Path dataDir;

    private final VisionStatus status = new VisionStatus();
    private volatile Pipeline pipeline;
    private volatile SourceSupervisor supervisor;
    private Thread worker;

    /**
     * What the vision thread is doing, for operators and tests: {@code starting}, {@code restoring},
     * {@code pairing}, {@code enrolling}, {@code watching}, {@code idle: <why>}, {@code retrying: <why>},
     * {@code stopped}.
     */
    public String status() {
        Pipeline p = pipeline;
        return status.describe(p == null ? Optional.empty() : Optional.of(p.phase()));
    }

    /**
     * Empty while the vision thread makes progress: it read a frame or ended a deliberate wait
     * within {@code limit}, or it is waiting on purpose, or it has ended (stopped, or idle after a
     * logged failure). Otherwise why not: a frame read or a frame's processing that hangs.
     */
    public Optional<String> stalled(Duration limit) {
        Thread w = worker;
        if (w == null || !w.isAlive()) {
            return Optional.empty();
        }
        return status.idleBeyond(limit)
                .map(ms -> "the vision thread made no progress for " + ms + " ms (" + status() + ")");
    }

    void start(@Observes StartupEvent ev) {
        status.progressed();
        supervisor = new SourceSupervisor(camera, status);
        worker = new Thread(this::run, "motam-vision");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        status.moveTo(VisionState.STOPPED, "");
        SourceSupervisor s = supervisor;
        if (s != null) {
            s.stop();
        }
        if (worker != null) {
            try {
                worker.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try (Pipeline p = VisionFactory.pipeline(camera, recognition, controller, dispatch, inbox, pairing, dataDir)) {
            pipeline = p;
            new ModelRestore(recognition, pairing, restoredModel, status).into(p.engine());
            if (p.phase() == PipelinePhase.PAIRING) {
                LOG.info("no gateway paired yet: looking for its pairing QR code in the camera's frames");
            }
            LOG.infof("vision: %s; enrolling %d samples", p.describe(), recognition.enrolSamples());
            supervisor.run(p);
        } catch (VisionModelException e) {
            idle(e.getMessage());
            LOG.errorf("camera cannot run: %s (fix motam.recognition.* and restart)", e.getMessage());
        } catch (IllegalArgumentException e) {
            idle("bad setting: " + e.getMessage());
            LOG.errorf("camera cannot run: bad setting: %s", e.getMessage());
        } catch (RuntimeException e) {
            idle(e.toString());
            LOG.errorf(e, "vision loop failed");
        }
    }

    /** Idle for {@code reason}, unless already idle (the first reason stays) or stopped. */
    private void idle(String reason) {
        if (status.state() != VisionState.IDLE) {
            status.moveTo(VisionState.IDLE, reason);
        }
    }
}
