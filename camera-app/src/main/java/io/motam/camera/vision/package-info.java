/**
 * Camera vision: where frames come from ({@code vision.source}) and where the faces are
 * ({@code vision.detect}); whose faces they are lives in {@code io.motam.camera.recognition}.
 * This package holds what both sides share: {@link io.motam.camera.vision.BgrMats} (colour
 * conversions), {@link io.motam.camera.vision.OnnxNets} (loading an ONNX network with its shapes
 * checked), {@link io.motam.camera.vision.FaceModelFiles} (the installed, pinned ONNX files) and
 * {@link io.motam.camera.vision.VisionModelException}.
 *
 * <h2>Flow</h2>
 * <pre>
 *   source.FrameSources.open(spec) ──► FrameSource.next() ──► CapturedFrame (BGR Mat, µs, origin)
 *        │  device:/dev/videoN | device:N | folder | video | stream:URL | command:CMD | a,b,c (playlist)
 *        ▼
 *   detect.FaceFinder.detect(frame) ──► List&lt;FaceBox&gt;     (FaceDetector = cascade, OnnxFaceDetector)
 *        ▼
 *   recognition.FaceEngine.sample(frame, box) ──► distance(sample) ──► Recogniser verdict
 *        (recognition.embedding.EmbeddingEngine or recognition.lbph.LbphEngine, by motam.recognition.engine)
 * </pre>
 *
 * <h2>Native memory</h2>
 * OpenCV images live outside the Java heap. Whoever receives a {@code Mat} or a
 * {@code CapturedFrame} owns it and closes it (try-with-resources); methods never keep or close
 * the {@code Mat}s passed to them. Detectors, samplers, recognisers and sources are
 * {@link java.lang.AutoCloseable} too.
 *
 * <h2>Threads</h2>
 * Sources, detectors and engines belong to one thread each (the vision thread);
 * {@code LbphRecogniser} is synchronized; {@code ThresholdCalibrator} is stateless.
 */
package io.motam.camera.vision;
