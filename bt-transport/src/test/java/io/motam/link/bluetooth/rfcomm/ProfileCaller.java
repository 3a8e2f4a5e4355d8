package io.motam.link.bluetooth.rfcomm;

import io.motam.link.bluetooth.BluetoothException;
import io.motam.link.bluetooth.bluez.BluezBus;
import io.motam.link.bluetooth.bluez.BluezBus.Operation;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.FileDescriptor;
import org.freedesktop.dbus.types.Variant;
import org.newsclub.net.unix.AFUNIXSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketPair;
import org.newsclub.net.unix.FileDescriptorCast;

/**
 * Plays bluetoothd towards our exported {@code org.bluez.Profile1}: dbusmock's
 * {@code RegisterProfile} never calls back, so the test makes the connection itself, a Unix
 * socket pair standing in for the RFCOMM socket, and hands one end over D-Bus to
 * {@code NewConnection(device, fd, {})} as bluetoothd would.
 */
final class ProfileCaller {

    static final String PROFILE = "org.bluez.Profile1";

    private ProfileCaller() {}

    /**
     * An RFCOMM connection as bluetoothd holds it: {@link #bluezEnd()} is the descriptor
     * bluetoothd passes to {@code NewConnection} and keeps open (to watch for hang-up) until the
     * connection ends; {@link #peerEnd()} is the remote device's side.
     */
    record FakeRfcomm(AFUNIXSocketChannel bluezEnd, AFUNIXSocketChannel peerEnd) implements AutoCloseable {
        static FakeRfcomm open() throws IOException {
            AFUNIXSocketPair<AFUNIXSocketChannel> pair = AFUNIXSocketPair.open();
            return new FakeRfcomm(pair.getSocket1(), pair.getSocket2());
        }

        @Override
        public void close() throws IOException {
            try {
                peerEnd.close();
            } finally {
                bluezEnd.close();
            }
        }
    }

    /**
     * Calls {@code NewConnection(device, fd, {})} on the profile at {@code profilePath} of
     * connection {@code busName}, passing the descriptor of {@code rfcomm}'s BlueZ end (the
     * receiver gets its own copy, SCM_RIGHTS).
     */
    static void newConnection(BluezBus caller, String busName, String profilePath, String devicePath, FakeRfcomm rfcomm)
            throws IOException {
        newConnection(caller, busName, profilePath, devicePath, rfcomm.bluezEnd());
    }

    /** As above, passing {@code end}'s descriptor; the caller keeps {@code end} open as bluetoothd does. */
    static void newConnection(
            BluezBus caller, String busName, String profilePath, String devicePath, AFUNIXSocketChannel end)
            throws IOException {
        int fd = FileDescriptorCast.using(end.getFileDescriptor()).as(Integer.class);
        caller.callOn(
                Operation.of("NewConnection"),
                Duration.ofSeconds(5),
                busName,
                profilePath,
                PROFILE,
                "NewConnection",
                "oha{sv}",
                new DBusPath(devicePath),
                new FileDescriptor(fd),
                Map.<String, Variant<?>>of());
    }

    static void requestDisconnection(BluezBus caller, String busName, String profilePath, String devicePath)
            throws BluetoothException {
        caller.callOn(
                Operation.of("RequestDisconnection"),
                Duration.ofSeconds(5),
                busName,
                profilePath,
                PROFILE,
                "RequestDisconnection",
                "o",
                new DBusPath(devicePath));
    }

    static void release(BluezBus caller, String busName, String profilePath) throws BluetoothException {
        caller.callOn(Operation.of("Release"), Duration.ofSeconds(5), busName, profilePath, PROFILE, "Release", null);
    }
}
