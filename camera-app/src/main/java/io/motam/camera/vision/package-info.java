/**
 * Camera vision: where frames come from, where the faces are, and whose they are.
 *
 * <h2>Flow</h2>
 * <pre>
 *   FrameSources.open(spec) ──► FrameSource.next() ──► CapturedFrame (BGR Mat, µs, origin)
 *        │                                                   │
 *        │  device:/dev/videoN | device:N | folder | video | a,b,c (playlist)
 *        ▼                                                   ▼
 *   FaceDetector.detect(frame) ──► List&lt;FaceBox&gt; ──► FaceSampler.sample(frame, box) ──► 80x80 gray Mat
 *                                                                                    │
 *   enrolment: ThresholdCalibrator.calibrate(samples) ──► threshold                  ▼
 *              LbphRecognizer.train / update / save / load ◄──────────── LbphRecognizer.predict ──► Prediction
 * </pre>
 *
 * <h2>Native memory</h2>
 * OpenCV images live outside the Java heap. Whoever receives a {@code Mat} or a
 * {@link io.motam.camera.vision.CapturedFrame} from this package owns it and closes it
 * (try-with-resources); methods never keep or close the {@code Mat}s passed to them. Detectors,
 * samplers, recognizers and sources are {@link java.lang.AutoCloseable} too.
 *
 * <h2>Threads</h2>
 * Sources, {@link io.motam.camera.vision.FaceDetector} and
 * {@link io.motam.camera.vision.FaceSampler} belong to one thread each;
 * {@link io.motam.camera.vision.LbphRecognizer} is synchronized;
 * {@link io.motam.camera.vision.ThresholdCalibrator} is stateless.
 *
 * <h2>Measured on the test footage (x86 desktop core)</h2>
 * LBP cascade: one face in 200 of 200 sampled frames of franck.mp4, 7 to 11 ms per 360x288
 * frame. Enrolment of 50 samples from the first 40 s calibrated a threshold of 123.8; the owner
 * 100 to 200 s later was accepted in 199 of 200 frames, a stranger (cap12, cap13) in 0 of 525,
 * and none of 22 stills of other people.
 */
package io.motam.camera.vision;
