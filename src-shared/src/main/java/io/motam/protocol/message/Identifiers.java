package io.motam.protocol.message;

import java.util.regex.Pattern;

/**
 * The one rule for ids that travel on the wire, name folders and go into MQTT topics: camera
 * ids, gateway ids, command correlation ids.
 */
public final class Identifiers {
    /** Longest id. */
    public static final int MAX_LENGTH = 64;

    /**
     * 1..64 characters of letters, digits, dot, underscore and dash, the first not a dot: safe in
     * a topic level and as a folder name ({@code .} and {@code ..} are not ids, nor is a hidden
     * {@code .name}).
     */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");

    private Identifiers() {}

    /** Whether {@code value} is an id. */
    public static boolean isId(String value) {
        return value != null && ID.matcher(value).matches();
    }

    /**
     * Returns {@code value} if it is an id.
     *
     * @throws IllegalArgumentException "{what} must match ... but was '...'"
     */
    public static String requireId(String value, String what) {
        if (!isId(value)) {
            throw new IllegalArgumentException(what + " must match " + ID.pattern() + " but was '" + value + "'");
        }
        return value;
    }
}
