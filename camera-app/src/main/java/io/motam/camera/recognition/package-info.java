/**
 * Whose face it is: a {@link io.motam.camera.recognition.FaceEngine} (the deep face embedding by default,
 * LBPH when its model files are absent or configured), the {@link io.motam.camera.recognition.Recogniser} that judges a face against the
 * calibrated threshold and learns from clear cases, the {@link io.motam.camera.recognition.Agreement}
 * that debounces verdicts over consecutive sightings, and the rate-limited
 * {@link io.motam.camera.recognition.ModelBackup}. See docs/camera.md.
 */
package io.motam.camera.recognition;
