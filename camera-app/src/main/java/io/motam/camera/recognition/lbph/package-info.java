/**
 * The LBPH engine ({@code motam.recognition.engine=lbph}), the seed-faithful one that needs no
 * model files: {@link io.motam.camera.recognition.lbph.LbphEngine} crops and equalises a face
 * ({@link io.motam.camera.recognition.lbph.FaceSampler}, 80x80 grey), keeps an OpenCV
 * {@code LBPHFaceRecognizer} ({@link io.motam.camera.recognition.lbph.LbphRecogniser}, saved by
 * {@link io.motam.camera.recognition.lbph.LbphModelCodec}) and derives its threshold from the
 * enrolment alone ({@link io.motam.camera.recognition.lbph.ThresholdCalibrator}).
 *
 * <p>Measured on the test footage: enrolment of 50 samples from the first 40 s of franck.mp4
 * calibrated a threshold of 123.8; the owner 100 to 200 s later was accepted in 199 of 200 frames,
 * a stranger (cap12, cap13) in 0 of 525, and none of 22 stills of other people.
 */
package io.motam.camera.recognition.lbph;
