/**
 * Face tracks with stable ids across frames ({@link io.motam.camera.tracking.FaceTracker}: IoU,
 * then centre distance) and the presence rules of the subject ({@link
 * io.motam.camera.tracking.PresenceMonitor}: present, out of the {@link io.motam.camera.tracking.Zone},
 * unreadable, absent). Pure Java, no OpenCV. See docs/camera.md.
 */
package io.motam.camera.tracking;
