package io.motam.link.bluetooth;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Bluetooth device address (BD_ADDR), always in BlueZ's canonical form: six upper-case hex
 * octets separated by colons, most significant first, e.g. {@code B8:27:EB:12:34:56}.
 *
 * <p>Endpoints in pairing offers and link peer addresses write it as {@code bt:B8:27:EB:12:34:56}
 * ({@link #toEndpoint()}); BlueZ names the device object {@code dev_B8_27_EB_12_34_56}
 * ({@link #objectName()}).
 *
 * @param value the canonical text
 */
public record BluetoothAddress(String value) implements Comparable<BluetoothAddress> {

    /** Prefix of a Bluetooth endpoint or link peer address. */
    public static final String ENDPOINT_PREFIX = "bt:";

    /** Prefix of a BlueZ device object's last path segment. */
    public static final String OBJECT_PREFIX = "dev_";

    private static final Pattern CANONICAL = Pattern.compile("([0-9A-F]{2}:){5}[0-9A-F]{2}");

    /** Checks the canonical form; use {@link #parse} for lenient input. */
    public BluetoothAddress {
        Objects.requireNonNull(value, "value");
        if (!CANONICAL.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "expected a Bluetooth address like AA:BB:CC:DD:EE:FF but was '" + printable(value) + "'");
        }
    }

    /** Parses {@code aa:bb:cc:dd:ee:ff} in either case. */
    public static BluetoothAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        return new BluetoothAddress(text.trim().toUpperCase(Locale.ROOT));
    }

    /** Parses an endpoint {@code bt:AA:BB:CC:DD:EE:FF} as written in a pairing offer. */
    public static BluetoothAddress fromEndpoint(String endpoint) {
        if (endpoint == null || !endpoint.startsWith(ENDPOINT_PREFIX)) {
            throw new IllegalArgumentException(
                    "expected an endpoint bt:<address> but was '" + printable(endpoint) + "'");
        }
        return parse(endpoint.substring(ENDPOINT_PREFIX.length()));
    }

    /**
     * The address of a BlueZ device object path such as {@code /org/bluez/hci0/dev_AA_BB_CC_DD_EE_FF};
     * empty if the last segment is not a device name.
     */
    public static Optional<BluetoothAddress> fromObjectPath(String path) {
        if (path == null) {
            return Optional.empty();
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (!last.startsWith(OBJECT_PREFIX)) {
            return Optional.empty();
        }
        String text = last.substring(OBJECT_PREFIX.length()).replace('_', ':');
        return CANONICAL.matcher(text).matches() ? Optional.of(new BluetoothAddress(text)) : Optional.empty();
    }

    /** {@code bt:AA:BB:CC:DD:EE:FF}. */
    public String toEndpoint() {
        return ENDPOINT_PREFIX + value;
    }

    /** BlueZ's object name for this device: {@code dev_AA_BB_CC_DD_EE_FF}. */
    public String objectName() {
        return OBJECT_PREFIX + value.replace(':', '_');
    }

    @Override
    public int compareTo(BluetoothAddress other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }

    private static String printable(String s) {
        if (s == null) {
            return "null";
        }
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
