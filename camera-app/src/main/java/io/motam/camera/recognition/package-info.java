/**
 * Whose face it is: the {@link io.motam.camera.recognition.FaceEngine} interface, with one
 * sub-package per engine ({@code recognition.embedding}, {@code recognition.lbph}) chosen by
 * {@code motam.recognition.engine}; the {@link io.motam.camera.recognition.Recogniser} that judges
 * a face against the calibrated threshold and learns from clear cases, the
 * {@link io.motam.camera.recognition.Agreement} that debounces verdicts over consecutive
 * sightings, and the rate-limited {@link io.motam.camera.recognition.ModelBackup}. See
 * docs/camera.md.
 */
package io.motam.camera.recognition;
