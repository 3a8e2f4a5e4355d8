package io.motam.camera.pipeline;

import io.motam.camera.config.RecognitionConfig;
import io.motam.camera.pairing.PairingStatus;
import io.motam.camera.recognition.FaceEngine;
import io.motam.camera.uplink.RestoredModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Which saved model is merged with the enrolment at start: the one the gateway sends back
 * ({@code motam.recognition.restore}, only when paired, waited for at most {@code restore-wait}),
 * else {@code motam.recognition.model-file} when it exists, else none. An unusable model is logged
 * and left out: the camera then learns from the enrolment alone.
 */
final class ModelRestore {
    private static final Logger LOG = Logger.getLogger(ModelRestore.class);

    private final RecognitionConfig recognition;
    private final PairingStatus pairing;
    private final RestoredModel restoredModel;
    private final VisionStatus status;

    ModelRestore(
            RecognitionConfig recognition, PairingStatus pairing, RestoredModel restoredModel, VisionStatus status) {
        this.recognition = Objects.requireNonNull(recognition, "recognition");
        this.pairing = Objects.requireNonNull(pairing, "pairing");
        this.restoredModel = Objects.requireNonNull(restoredModel, "restoredModel");
        this.status = Objects.requireNonNull(status, "status");
    }

    /** Loads the model to merge into {@code engine}, if there is a usable one. */
    void into(FaceEngine engine) {
        Optional<Path> fromGateway = fromGateway();
        if (fromGateway.isPresent()) {
            try {
                engine.restore(fromGateway.get());
                LOG.infof(
                        "model restored from the gateway %s (%d samples) will be merged with the enrolment",
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
            LOG.errorf(
                    "restored model %s is unusable, learning from the enrolment alone: %s", file.get(), e.getMessage());
        }
    }

    /** The model the gateway sent back, waited for at most {@code restore-wait}; empty when off, unpaired or none. */
    private Optional<Path> fromGateway() {
        if (!recognition.restore() || !pairing.paired()) {
            return Optional.empty();
        }
        status.moveTo(VisionState.RESTORING, "");
        status.beginWait();
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
            status.endWait();
        }
    }
}
