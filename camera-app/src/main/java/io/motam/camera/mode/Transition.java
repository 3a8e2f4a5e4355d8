package io.motam.camera.mode;

import io.motam.domain.CameraMode;

/** One step of the mode machine, reported to the gateway as a mode event. */
public record Transition(CameraMode from, CameraMode to, int alertCount, String reason) {}
