/**
 * Where the faces are: a {@link io.motam.camera.vision.detect.FaceFinder} returns the
 * {@link io.motam.camera.vision.detect.FaceBox}es of a frame. Two finders:
 * {@link io.motam.camera.vision.detect.FaceDetector} (an OpenCV cascade, {@code lbp} or
 * {@code haar}, {@link io.motam.camera.vision.detect.CascadeKind}) and
 * {@link io.motam.camera.vision.detect.OnnxFaceDetector} ({@code fr_detect.onnx}). See
 * docs/camera.md.
 *
 * <p>Measured on the test footage (x86 desktop core): the LBP cascade found one face in 200 of 200
 * sampled frames of franck.mp4, 7 to 11 ms per 360x288 frame.
 */
package io.motam.camera.vision.detect;
