/**
 * Evidence files: JPEG snapshots written at configured alert counts ({@link
 * io.motam.camera.evidence.SnapshotWriter}) and the hand-over of any finished file (snapshot,
 * model, log) to whatever carries files to the gateway ({@link io.motam.camera.evidence.FileDispatch},
 * implemented by the uplink's file queue). See docs/camera.md.
 */
package io.motam.camera.evidence;
