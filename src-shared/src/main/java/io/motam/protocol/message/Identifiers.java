package io.motam.protocol.message;

import java.util.regex.Pattern;

/** Rules for ids that travel on the wire and into MQTT topics. */
public final class Identifiers {
    /** Ids are 1..64 characters of letters, digits, dot, underscore and dash: safe in a topic. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private Identifiers() {
    }

    public static String requireId(String value, String what) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must match " + ID.pattern() + " but was '" + value + "'");
        }
        return value;
    }
}
