/**
 * Restore (protocol version 3): at start the camera asks its gateway for the last file of a kind
 * it backed up (its face model) and gets it back over the same secure link. The gateway side is a
 * {@link io.motam.protocol.restore.RestoreSource} and a {@link io.motam.protocol.restore.RestoreSender};
 * the camera side a {@link io.motam.protocol.restore.RestoreTarget} and a
 * {@link io.motam.protocol.restore.RestoreReceiver} that keeps the file only once its SHA-256
 * matched, by an atomic rename.
 */
package io.motam.protocol.restore;
