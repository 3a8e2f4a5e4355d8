package io.motam.gateway.state;

import io.motam.protocol.message.Identifiers;
import java.util.Optional;

/**
 * Which cameras an operator command addresses: one camera by id, all of them ({@value #ALL_TOKEN}),
 * or none named. An unaddressed command addresses the one camera of a one-camera gateway
 * ({@code motam.gateway.max-cameras=1}) and is refused on a gateway that takes several.
 * {@value #ALL_TOKEN} can never be a camera id ({@link Identifiers#ID}).
 */
public record CameraTarget(Kind kind, String cameraId) {
    /** How a command names all cameras (query parameter, JSON field, command line). */
    public static final String ALL_TOKEN = "*";

    public enum Kind {
        UNADDRESSED,
        ALL,
        ONE
    }

    public static final CameraTarget UNADDRESSED = new CameraTarget(Kind.UNADDRESSED, null);
    public static final CameraTarget ALL = new CameraTarget(Kind.ALL, null);

    public CameraTarget {
        if ((kind == Kind.ONE) != (cameraId != null)) {
            throw new IllegalArgumentException(
                    "expected a camera id exactly for ONE but was " + kind + " with " + cameraId);
        }
        if (cameraId != null) {
            Identifiers.requireId(cameraId, "camera id");
        }
    }

    public static CameraTarget one(String cameraId) {
        return new CameraTarget(Kind.ONE, cameraId);
    }

    /**
     * Reads a target as given: absent or blank = unaddressed, {@value #ALL_TOKEN} = all, else a
     * camera id.
     *
     * @throws IllegalArgumentException with a reason safe to show, for anything else
     */
    public static CameraTarget parse(String given) {
        if (given == null || given.isBlank()) {
            return UNADDRESSED;
        }
        String s = given.trim();
        if (s.equals(ALL_TOKEN)) {
            return ALL;
        }
        if (!Identifiers.ID.matcher(s).matches()) {
            throw new IllegalArgumentException(
                    "camera must be \"" + ALL_TOKEN + "\" or match " + Identifiers.ID.pattern());
        }
        return one(s);
    }

    public Optional<String> camera() {
        return Optional.ofNullable(cameraId);
    }

    /** As written in logs, the audit log and results: the camera id, {@code *} or {@code -}. */
    public String label() {
        return switch (kind) {
            case ONE -> cameraId;
            case ALL -> ALL_TOKEN;
            case UNADDRESSED -> "-";
        };
    }
}
