package io.motam.camera.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code motam.camera.*}: where frames come from and how the mode machine paces itself. */
@ConfigMapping(prefix = "motam.camera")
public interface CameraConfig {

    /** Camera id ([A-Za-z0-9._-], 1..64 chars), used in events and topics. */
    @WithDefault("cam1")
    String id();

    /**
     * Frame source: {@code device:/dev/video0} or {@code device:0}, a video file, an image
     * folder, or several of them separated by commas (played in order).
     */
    @WithDefault("device:0")
    String source();

    /**
     * For files: 1.0 plays at the recorded speed, 2.0 twice as fast, 0 as fast as frames decode.
     * Devices always run in real time.
     */
    @WithDefault("1.0")
    double playbackSpeed();

    /** Time between recognition checks in NORMAL (media time for files). */
    @WithDefault("9s")
    Duration checkInterval();

    /** Time between recognition checks in ALERT. */
    @WithDefault("3s")
    Duration alertCheckInterval();

    /** Unknown sightings that block the camera (the one entering ALERT counts as the first). */
    @WithDefault("12")
    int maxAlerts();
}
