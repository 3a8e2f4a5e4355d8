package io.motam.camera.vision;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.camera.recognition.lbph.FaceSampler;
import io.motam.camera.recognition.lbph.LbphRecogniser;
import io.motam.camera.vision.detect.CascadeKind;
import io.motam.camera.vision.detect.FaceBox;
import io.motam.camera.vision.detect.FaceDetector;
import io.motam.camera.vision.detect.FaceDetectorSettings;
import io.motam.camera.vision.source.CapturedFrame;
import io.motam.camera.vision.source.FrameSource;
import io.motam.camera.vision.source.FrameSources;
import java.util.List;
import java.util.Optional;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Every native object the chain allocates per frame is closed: JavaCPP counts the live objects it
 * owns ({@link Pointer#totalCount()}), and a forgotten Mat, vector or Size per frame would raise
 * that count by hundreds over the run.
 */
class NativeMemoryTest {

    private static final Logger LOG = Logger.getLogger(NativeMemoryTest.class);

    @Test
    void sourceDetectSamplePredict_overHundredsOfFrames_leavesNoNativeObjectBehind() throws Exception {
        try (FaceDetector detector = FaceDetector.load(CascadeKind.LBP, FaceDetectorSettings.defaults());
                FaceSampler sampler = new FaceSampler();
                LbphRecogniser recogniser = new LbphRecogniser()) {
            List<Mat> noise = SyntheticFaces.noise(4, 9);
            recogniser.train(noise, 1);
            SyntheticFaces.closeAll(noise);
            runOnce(detector, sampler, recogniser); // warm-up: lazy native singletons
            long objectsBefore = Pointer.totalCount();
            long rssBefore = Pointer.physicalBytes();
            int frames = runOnce(detector, sampler, recogniser);
            long objectsAfter = Pointer.totalCount();
            long rssAfter = Pointer.physicalBytes();
            LOG.infof(
                    "%d frames: live JavaCPP objects %d -> %d, resident memory %d -> %d MiB",
                    frames, objectsBefore, objectsAfter, rssBefore >> 20, rssAfter >> 20);
            assertTrue(
                    objectsAfter - objectsBefore < 10, "live native objects grew by " + (objectsAfter - objectsBefore));
        }
    }

    /** Plays cap13_edit2.mp4 through the whole chain (every 3rd frame detected); returns frames read. */
    private static int runOnce(FaceDetector detector, FaceSampler sampler, LbphRecogniser recogniser) throws Exception {
        int frames = 0;
        try (FrameSource source =
                FrameSources.open(Footage.file(Footage.STRANGER_B).toString())) {
            for (Optional<CapturedFrame> next = source.next(); next.isPresent(); next = source.next(), frames++) {
                try (CapturedFrame frame = next.get()) {
                    if (frames % 3 != 0) {
                        continue;
                    }
                    for (FaceBox box : detector.detect(frame.bgr())) {
                        try (Mat sample = sampler.sample(frame.bgr(), box)) {
                            recogniser.predict(sample);
                        }
                    }
                }
            }
        }
        return frames;
    }
}
