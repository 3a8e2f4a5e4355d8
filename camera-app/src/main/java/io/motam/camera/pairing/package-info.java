/**
 * Pairing from the camera's own frames: while no gateway is pinned, {@link
 * io.motam.camera.pairing.FramePairing} scans frames with ZXing ({@link
 * io.motam.camera.pairing.QrFrameScanner}, bounded to one frame per interval) and hands each offer to
 * the {@link io.motam.camera.pairing.OfferInbox}, which the uplink reads;
 * {@link io.motam.camera.pairing.PairingStatus} says when the uplink has paired.
 */
package io.motam.camera.pairing;
