/**
 * The deep face embedding engine ({@code motam.recognition.engine=embedding}):
 * {@link io.motam.camera.recognition.embedding.EmbeddingEngine} aligns a face on its landmarks and
 * turns it into a 512-float vector ({@link io.motam.camera.recognition.embedding.FaceEmbedder},
 * {@code fr_landmark.onnx} and {@code fr_feature.onnx} from
 * {@link io.motam.camera.vision.FaceModelFiles}); the distance is 1 - cosine to the nearest
 * gallery vector, and the threshold comes from the enrolment
 * ({@link io.motam.camera.recognition.embedding.EmbeddingCalibration}). See docs/camera.md.
 */
package io.motam.camera.recognition.embedding;
