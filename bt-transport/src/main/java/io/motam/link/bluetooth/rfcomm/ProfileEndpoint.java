package io.motam.link.bluetooth.rfcomm;

import io.motam.link.Link;
import io.motam.link.bluetooth.BluetoothAddress;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bluez.Error.Rejected;
import org.bluez.Profile1;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.FileDescriptor;
import org.freedesktop.dbus.types.Variant;
import org.jboss.logging.Logger;

/**
 * Our {@code org.bluez.Profile1} object ({@code doc/profile-api.txt}), shared by the acceptor and
 * the connector: BlueZ calls {@link #NewConnection} with the connected RFCOMM socket's descriptor
 * once a device connected to (or was connected by) our profile; we make it a
 * {@link Link} ({@link RfcommSocket}) and offer it to the {@link Receiver}. A connection we do not take is closed
 * and answered with {@code org.bluez.Error.Rejected}.
 *
 * <p>{@link #RequestDisconnection} closes the device's links; {@link #Release} (BlueZ dropped
 * the registration, e.g. bluetoothd stopping) is passed on to the receiver; links already open
 * stay open until their peer or owner closes them.
 */
final class ProfileEndpoint implements Profile1 {

    private static final Logger LOG = Logger.getLogger(ProfileEndpoint.class);

    /** Who takes new links. */
    interface Receiver {
        /** Takes the link, or returns false to have it closed and rejected. Must not block. */
        boolean offer(Link link);

        /** BlueZ released the profile. */
        void released();
    }

    /** Names the peer of a descriptor that came for no device of ours (logs only). */
    private static final BluetoothAddress UNKNOWN = new BluetoothAddress("00:00:00:00:00:00");

    private final String path;
    private final String adapterPath;
    private final Receiver receiver;
    private final List<Link> live = new CopyOnWriteArrayList<>();

    ProfileEndpoint(String path, String adapterPath, Receiver receiver) {
        this.path = Objects.requireNonNull(path, "path");
        this.adapterPath = Objects.requireNonNull(adapterPath, "adapterPath");
        this.receiver = Objects.requireNonNull(receiver, "receiver");
    }

    @Override
    public String getObjectPath() {
        return path;
    }

    @Override
    public void NewConnection(DBusPath device, FileDescriptor fd, Map<String, Variant<?>> fdProperties) {
        int descriptor = fd == null ? -1 : fd.getIntFileDescriptor();
        String devicePath = device == null ? null : device.getPath();
        Optional<BluetoothAddress> peer = devicePath != null && devicePath.startsWith(adapterPath + "/")
                ? BluetoothAddress.fromObjectPath(devicePath)
                : Optional.empty();
        if (descriptor < 0 || peer.isEmpty()) {
            LOG.warnf(
                    "NewConnection for %s (descriptor %d) on %s: not a device of %s, rejected",
                    devicePath, descriptor, path, adapterPath);
            if (descriptor >= 0) {
                RfcommSocket.discard(descriptor, peer.orElse(UNKNOWN));
            }
            throw new Rejected("rejected");
        }
        Link link;
        try {
            link = RfcommSocket.adopt(descriptor, peer.get(), live::remove);
        } catch (IOException e) {
            LOG.warnf("NewConnection from %s: descriptor %d unusable: %s", peer.get(), descriptor, e.getMessage());
            throw new Rejected("rejected");
        }
        live.add(link);
        if (!receiver.offer(link)) {
            LOG.infof("NewConnection from %s on %s: nobody takes it, closed", peer.get(), path);
            link.close();
            throw new Rejected("rejected");
        }
        LOG.infof(
                "RFCOMM link from %s on %s (%s)",
                peer.get(), path, fdProperties == null ? "{}" : fdProperties.keySet());
    }

    @Override
    public void RequestDisconnection(DBusPath device) {
        String devicePath = device == null ? null : device.getPath();
        Optional<BluetoothAddress> peer = BluetoothAddress.fromObjectPath(devicePath);
        LOG.infof("BlueZ asks to disconnect %s from %s", devicePath, path);
        peer.ifPresent(this::disconnect);
    }

    @Override
    public void Release() {
        LOG.warnf("BlueZ released profile %s", path);
        receiver.released();
    }

    /** Closes every live link to {@code peer}. */
    void disconnect(BluetoothAddress peer) {
        for (Link link : live) {
            if (link.peerAddress().equals(peer.toEndpoint())) {
                link.close();
            }
        }
    }

    /** Closes every live link. */
    void disconnectAll() {
        live.forEach(Link::close);
    }

    /** Links open now. */
    List<Link> live() {
        return List.copyOf(live);
    }
}
