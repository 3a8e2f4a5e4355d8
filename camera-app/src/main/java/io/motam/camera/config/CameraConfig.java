package io.motam.camera.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/**
 * {@code motam.camera.*}: where frames come from, how often they are looked at, tracking and
 * presence rules, snapshots, and how the mode machine paces itself. See docs/camera.md.
 */
@ConfigMapping(prefix = "motam.camera")
public interface CameraConfig {

    /** Camera id (Identifiers.ID: 1..64 of [A-Za-z0-9._-], the first not a dot), used in events and topics. */
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

    /**
     * Least media time between two processed frames (detection, tracking, QR scan); the frames in
     * between are read and dropped. 0 processes every frame.
     */
    @WithDefault("200ms")
    Duration frameInterval();

    /** Requested device width in pixels; 0 keeps the driver's default. */
    @WithDefault("0")
    int deviceWidth();

    /** Requested device height in pixels; 0 keeps the driver's default. */
    @WithDefault("0")
    int deviceHeight();

    /** Requested device frame rate; 0 keeps the driver's default. */
    @WithDefault("0")
    double deviceFps();

    /** Media time between two images of an image-folder source. */
    @WithDefault("1s")
    Duration folderInterval();

    /** Where the subject has to be: x,y,w,h as fractions of the frame (0,0,1,1 = anywhere). */
    @WithDefault("0,0,1,1")
    String zone();

    /** A face-based presence state (present, outside the zone, several faces) must hold this long to be reported. */
    @WithDefault("1s")
    Duration presenceDebounce();

    /** No face this long after the subject was in place: UNREADABLE. */
    @WithDefault("3s")
    Duration unreadableAfter();

    /** The subject not seen this long: ABSENT. */
    @WithDefault("10s")
    Duration absentAfter();

    /** A face track not matched for this long ends. */
    @WithDefault("1s")
    Duration trackTimeout();

    /** Least box overlap (IoU) for a face to continue a track. */
    @WithDefault("0.3")
    double trackMinIou();

    /** In NORMAL, a new face track is checked at once instead of at the next check-interval. */
    @WithDefault("true")
    boolean checkNewTracks();

    /** Alert counts at which a JPEG snapshot is taken (1 = entering ALERT; {@code 0} = none). */
    @WithDefault("1,4,8")
    List<Integer> snapshotAlerts();

    /** Snapshots kept in {@code <data-dir>/snapshots} (oldest deleted first). */
    @WithDefault("200")
    int snapshotKeep();

    /** JPEG quality of snapshots, 1..100. */
    @WithDefault("90")
    int snapshotQuality();

    /** While no gateway is paired, scan frames for the gateway's pairing QR code before enrolment. */
    @WithDefault("true")
    boolean qrScan();

    /** Least media time between two QR scans. */
    @WithDefault("500ms")
    Duration qrScanInterval();
}
