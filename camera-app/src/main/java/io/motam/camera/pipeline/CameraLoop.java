package io.motam.camera.pipeline;

import io.motam.camera.config.CameraConfig;
import io.motam.camera.config.RecognitionConfig;
import io.motam.camera.mode.CameraController;
import io.motam.camera.vision.CapturedFrame;
import io.motam.camera.vision.CascadeKind;
import io.motam.camera.vision.FaceBox;
import io.motam.camera.vision.FaceDetector;
import io.motam.camera.vision.FaceDetectorSettings;
import io.motam.camera.vision.FaceSampler;
import io.motam.camera.vision.FrameSource;
import io.motam.camera.vision.FrameSourceException;
import io.motam.camera.vision.FrameSourceOptions;
import io.motam.camera.vision.FrameSources;
import io.motam.camera.vision.LbphRecognizer;
import io.motam.camera.vision.LbphSettings;
import io.motam.camera.vision.Prediction;
import io.motam.camera.vision.ThresholdCalibrator;
import io.motam.camera.vision.VisionModelException;
import io.motam.domain.CameraMode;
import io.motam.domain.Verdict;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;
import org.jboss.logging.Logger;

/**
 * The camera's vision thread: reads frames, enrols the subject in front of the camera at every
 * start, then checks a frame every {@code check-interval} (every {@code alert-check-interval} in
 * ALERT) and reports each decision to the {@link CameraController}. Known faces reinforce the
 * model in batches of {@code reinforce-every}. A source or model problem is logged once, clearly,
 * and the camera stays up (connected to its gateway) instead of crash-looping.
 */
@ApplicationScoped
public class CameraLoop {
    private static final Logger LOG = Logger.getLogger(CameraLoop.class);
    static final int SUBJECT = 1;

    @Inject CameraConfig camera;
    @Inject RecognitionConfig recognition;
    @Inject CameraController controller;

    private volatile boolean running;
    private Thread worker;

    void start(@Observes StartupEvent ev) {
        running = true;
        worker = new Thread(this::run, "motam-vision");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
    }

    private void run() {
        CascadeKind kind = CascadeKind.valueOf(recognition.cascade().trim().toUpperCase(Locale.ROOT));
        try (FrameSource source = FrameSources.open(camera.source(), FrameSourceOptions.defaults());
             FaceDetector detector = FaceDetector.load(kind,
                     FaceDetectorSettings.defaults().withMinFaceSize(recognition.minFaceSize()));
             FaceSampler sampler = new FaceSampler();
             LbphRecognizer model = new LbphRecognizer(LbphSettings.defaults().withMaxSamples(recognition.maxSamples()))) {
            LOG.infof("reading frames from %s", camera.source());
            Pacer pacer = new Pacer(camera.source().startsWith("device:") ? 0 : camera.playbackSpeed());
            Optional<Double> threshold = enrol(source, detector, sampler, model, pacer);
            if (threshold.isPresent()) {
                recognise(source, detector, sampler, model, pacer, threshold.get());
            }
        } catch (FrameSourceException | VisionModelException e) {
            LOG.errorf("camera cannot run: %s (fix motam.camera.source / motam.recognition.* and restart)", e.getMessage());
        } catch (IllegalArgumentException e) {
            LOG.errorf("camera cannot run: bad setting: %s", e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "vision loop failed");
        }
    }

    private Optional<Double> enrol(FrameSource source, FaceDetector detector, FaceSampler sampler,
            LbphRecognizer model, Pacer pacer) throws FrameSourceException {
        int wanted = recognition.enrolSamples();
        long spacing = recognition.enrolInterval().toNanos() / 1000;
        boolean first = true;
        long lastSample = 0;
        List<Mat> samples = new ArrayList<>(wanted);
        try {
            while (running && samples.size() < wanted) {
                Optional<CapturedFrame> next = source.next();
                if (next.isEmpty()) {
                    LOG.errorf("the source ended after %d of %d enrolment samples: nothing to recognise against",
                            samples.size(), wanted);
                    return Optional.empty();
                }
                try (CapturedFrame frame = next.get()) {
                    pacer.await(frame.timestampMicros());
                    if (controller.mode() != CameraMode.ENROLLING
                            || (!first && frame.timestampMicros() - lastSample < spacing)) {
                        continue;
                    }
                    List<FaceBox> faces = detector.detect(frame.bgr());
                    if (faces.size() == 1) {
                        samples.add(sampler.sample(frame.bgr(), faces.get(0)));
                        lastSample = frame.timestampMicros();
                        first = false;
                    }
                }
            }
            if (!running) {
                return Optional.empty();
            }
            model.train(samples, SUBJECT);
            double t = recognition.threshold().orElseGet(() -> new ThresholdCalibrator().calibrate(samples).threshold());
            controller.enrolled(samples.size(), t);
            return Optional.of(t);
        } finally {
            samples.forEach(Mat::close);
        }
    }

    private void recognise(FrameSource source, FaceDetector detector, FaceSampler sampler, LbphRecognizer model,
            Pacer pacer, double threshold) throws FrameSourceException {
        long nextCheck = 0;
        List<Mat> reinforce = new ArrayList<>();
        try {
            while (running) {
                Optional<CapturedFrame> next = source.next();
                if (next.isEmpty()) {
                    LOG.info("the frame source ended; waiting for commands");
                    return;
                }
                try (CapturedFrame frame = next.get()) {
                    pacer.await(frame.timestampMicros());
                    CameraMode mode = controller.mode();
                    if ((mode != CameraMode.NORMAL && mode != CameraMode.ALERT) || frame.timestampMicros() < nextCheck) {
                        continue;
                    }
                    mode = check(frame, detector, sampler, model, threshold, reinforce);
                    long interval = (mode == CameraMode.ALERT ? camera.alertCheckInterval() : camera.checkInterval())
                            .toNanos() / 1000;
                    nextCheck = frame.timestampMicros() + interval;
                }
            }
        } finally {
            reinforce.forEach(Mat::close);
        }
    }

    private CameraMode check(CapturedFrame frame, FaceDetector detector, FaceSampler sampler, LbphRecognizer model,
            double threshold, List<Mat> reinforce) {
        List<FaceBox> faces = detector.detect(frame.bgr());
        if (faces.size() != 1) {
            Verdict v = faces.isEmpty() ? Verdict.NO_FACE : Verdict.SEVERAL_FACES;
            return controller.recognised(v, Double.NaN, threshold, faces.size());
        }
        Mat face = sampler.sample(frame.bgr(), faces.get(0));
        Prediction p = model.predict(face);
        boolean known = p.label() == SUBJECT && p.within(threshold);
        if (known) {
            reinforce.add(face);
            if (reinforce.size() >= recognition.reinforceEvery()) {
                model.update(reinforce, SUBJECT);
                reinforce.forEach(Mat::close);
                reinforce.clear();
            }
        } else {
            face.close();
        }
        return controller.recognised(known ? Verdict.KNOWN : Verdict.UNKNOWN, p.distance(), threshold, 1);
    }
}
