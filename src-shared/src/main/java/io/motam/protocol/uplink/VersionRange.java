package io.motam.protocol.uplink;

import java.util.OptionalInt;

/**
 * A range of uplink protocol versions. The camera sends its range in HELLO; the gateway picks
 * the highest version both speak and names it in WELCOME, or closes with
 * {@code VERSION_UNSUPPORTED} when the ranges do not meet.
 *
 * <pre>
 *   1  events, commands, keepalive, close reasons
 *   2  1 + files (FILE_OFFER, FILE_CHUNK, FILE_ACK, FILE_DONE)
 *   3  2 + restore (RESTORE_REQUEST, RESTORE_OFFER, RESTORE_CHUNK, RESTORE_NONE)
 *   4  3 + release epochs (WELCOME and RELEASE carry the camera's release epoch)
 * </pre>
 *
 * (The frame layout has its own version byte, {@code FrameFormat.VERSION}, which has not changed.)
 */
public record VersionRange(int min, int max) {
    /** Events, commands, keepalive. */
    public static final int EVENTS = 1;
    /** Adds file transfer. */
    public static final int FILES = 2;
    /** Adds restore: the camera asks for its last backed-up model and the gateway sends it. */
    public static final int RESTORE = 3;
    /** Adds release epochs: a camera leaves BLOCKED only for a release the gateway proves came after its block. */
    public static final int RELEASE_EPOCH = 4;
    /** What this build speaks. */
    public static final VersionRange SUPPORTED = new VersionRange(EVENTS, RELEASE_EPOCH);

    public VersionRange {
        if (min < 1 || max < min || max > 255) {
            throw new IllegalArgumentException("expected 1 <= min <= max <= 255 but was " + min + ".." + max);
        }
    }

    public boolean contains(int version) {
        return version >= min && version <= max;
    }

    /** The highest version in both ranges, or empty when they do not meet. */
    public OptionalInt highestCommon(VersionRange other) {
        int high = Math.min(max, other.max);
        return high >= Math.max(min, other.min) ? OptionalInt.of(high) : OptionalInt.empty();
    }

    /** Whether a session of this version may carry files. */
    public static boolean hasFiles(int version) {
        return version >= FILES;
    }

    /** Whether WELCOME and RELEASE of a session of this version carry the release epoch. */
    public static boolean hasReleaseEpoch(int version) {
        return version >= RELEASE_EPOCH;
    }

    /** Whether a session of this version may carry restore requests and their answers. */
    public static boolean hasRestore(int version) {
        return version >= RESTORE;
    }

    @Override
    public String toString() {
        return min + ".." + max;
    }
}
