package io.motam.camera.mode;

import io.motam.domain.CameraMode;
import java.util.Optional;

/**
 * What one recognition check changed.
 *
 * @param mode     the mode afterwards
 * @param alerts   the alert count afterwards
 * @param snapshot a snapshot to take, tagged e.g. {@code alert4}, when this check reached a
 *                 configured alert count
 * @param pending  a verdict that would change the mode waits for more sightings (check again soon)
 */
public record Decision(CameraMode mode, int alerts, Optional<String> snapshot, boolean pending) {}
