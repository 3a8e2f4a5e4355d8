package org.bluez.Error;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * {@code org.bluez.Error.Rejected}: the answer <em>we</em> send to BlueZ when our pairing agent
 * refuses a device or our profile refuses a connection, as BlueZ's {@code doc/agent-api.txt} and
 * {@code doc/profile-api.txt} ask.
 *
 * <p>This class exists only for its name: dbus-java names the error reply of an exported method
 * after the fully qualified Java class of the exception it throws, so this class's name must be
 * the D-Bus error name, package {@code org.bluez.Error} included. (bluez-dbus's own
 * {@code org.bluez.exceptions.BluezRejectedException} is a checked exception, which dbus-java
 * would send as a generic {@code DBusExecutionException}.) It lives in a package of its own so
 * that no package is split with the bluez-dbus jar. Our calls to BlueZ read error names directly
 * (see {@code io.motam.link.bluetooth.bluez.BluezBus}).
 */
public final class Rejected extends DBusExecutionException {

    private static final long serialVersionUID = 1L;

    public Rejected(String message) {
        super(message);
    }
}
