package io.motam.link.bluetooth.bluez;

import io.motam.link.bluetooth.BluetoothException;
import io.motam.link.bluetooth.BluetoothException.Reason;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;

/**
 * Opens the D-Bus connection BlueZ is reached over: the system bus ({@code
 * DBUS_SYSTEM_BUS_ADDRESS} or {@code /var/run/dbus/system_bus_socket}), or a given address (tests).
 * Each call makes a connection of its own (not dbus-java's shared one), which the caller closes.
 * The junixsocket transport is on the class path, the only one that passes file descriptors.
 */
public final class SystemBus {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(SystemBus.class);

    private SystemBus() {}

    /** A private connection to the system bus. */
    public static DBusConnection connect() throws BluetoothException {
        try {
            return DBusConnectionBuilder.forSystemBus().withShared(false).build();
        } catch (DBusException e) {
            throw new BluetoothException(
                    Reason.SERVICE_UNAVAILABLE, "connect to the system bus", null, null, e.getMessage(), e);
        }
    }

    /**
     * A private connection to the bus at {@code address} if given ({@code
     * motam.link.bluetooth.bus-address}), else to the system bus.
     */
    public static DBusConnection connect(java.util.Optional<String> address) throws BluetoothException {
        return address.isPresent() && !address.get().isBlank() ? connect(address.get()) : connect();
    }

    /** A private connection to the bus at {@code address}, e.g. {@code unix:path=/tmp/x/bus}. */
    public static DBusConnection connect(String address) throws BluetoothException {
        try {
            return DBusConnectionBuilder.forAddress(address).withShared(false).build();
        } catch (DBusException e) {
            throw new BluetoothException(
                    Reason.SERVICE_UNAVAILABLE, "connect to " + address, null, null, e.getMessage(), e);
        }
    }

    /** Closes a bus connection; a failure to close is only logged (the connection is gone either way). */
    public static void closeQuietly(DBusConnection connection) {
        try {
            connection.close();
        } catch (java.io.IOException e) {
            LOG.debugf("closing the system bus: %s", e.getMessage());
        }
    }
}
