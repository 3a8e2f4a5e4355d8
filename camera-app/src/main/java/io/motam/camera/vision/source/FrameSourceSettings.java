package io.motam.camera.vision.source;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables for opening frame sources.
 *
 * @param folderFrameInterval media time between two images of a folder (image {@code i} gets
 *                            timestamp {@code i * interval}); must be positive
 * @param deviceWidth         requested camera width in pixels, 0 for the driver's default
 * @param deviceHeight        requested camera height in pixels, 0 for the driver's default
 * @param deviceFrameRate     requested camera frame rate, 0 for the driver's default
 */
public record FrameSourceSettings(
        Duration folderFrameInterval, int deviceWidth, int deviceHeight, double deviceFrameRate) {

    /** Default time between folder images: one second. */
    public static final Duration DEFAULT_FOLDER_INTERVAL = Duration.ofSeconds(1);

    public FrameSourceSettings {
        Objects.requireNonNull(folderFrameInterval, "folderFrameInterval");
        if (folderFrameInterval.isNegative() || folderFrameInterval.isZero() || folderFrameInterval.toNanos() < 1_000) {
            throw new IllegalArgumentException(
                    "expected a folder frame interval of at least 1 µs but was " + folderFrameInterval);
        }
        if (deviceWidth < 0 || deviceHeight < 0) {
            throw new IllegalArgumentException("expected device size >= 0 but was " + deviceWidth + "x" + deviceHeight);
        }
        if (!(deviceFrameRate >= 0) || Double.isInfinite(deviceFrameRate)) {
            throw new IllegalArgumentException("expected device frame rate >= 0 but was " + deviceFrameRate);
        }
    }

    /** One second between folder images, camera defaults. */
    public static FrameSourceSettings defaults() {
        return new FrameSourceSettings(DEFAULT_FOLDER_INTERVAL, 0, 0, 0);
    }

    /** Folder interval in microseconds. */
    public long folderFrameIntervalMicros() {
        return folderFrameInterval.toNanos() / 1_000;
    }
}
