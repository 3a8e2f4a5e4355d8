package io.motam.camera.uplink;

import io.motam.link.Link;
import io.motam.link.bluetooth.BluetoothAddress;
import io.motam.link.bluetooth.BluetoothException;
import io.motam.link.bluetooth.PairedDevice;
import io.motam.link.bluetooth.bluez.BluezBluetoothControl;
import io.motam.link.bluetooth.bluez.SystemBus;
import io.motam.link.bluetooth.rfcomm.RfcommLinkConnector;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.jboss.logging.Logger;

/**
 * Opens RFCOMM links to a gateway over BlueZ: one system-bus connection for the app's life, the
 * adapter powered on, the gateway's adapter paired and trusted at first contact (discovery with a
 * filter, no fixed sleeps), then {@code Device1.ConnectProfile} on the Serial Port profile.
 */
final class BluetoothDialer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BluetoothDialer.class);

    private final Optional<String> busAddress;
    private final String adapter;
    private final Duration pairTimeout;
    private final Duration connectTimeout;
    private final Map<BluetoothAddress, RfcommLinkConnector> connectors = new HashMap<>();
    private volatile DBusConnection bus;
    private BluezBluetoothControl control;

    /** @param busAddress the bus BlueZ is on; empty: the system bus */
    BluetoothDialer(Optional<String> busAddress, String adapter, Duration pairTimeout, Duration connectTimeout) {
        this.busAddress = busAddress;
        this.adapter = adapter;
        this.pairTimeout = pairTimeout;
        this.connectTimeout = connectTimeout;
    }

    synchronized Link dial(String endpoint) throws IOException {
        BluetoothAddress gateway = BluetoothAddress.fromEndpoint(endpoint);
        if (control == null) {
            open();
        }
        boolean paired =
                control.pairedDevices().stream().map(PairedDevice::address).anyMatch(gateway::equals);
        if (!paired) {
            LOG.infof("pairing adapter %s with gateway %s", adapter, gateway.value());
            control.pair(gateway, pairTimeout);
            control.trust(gateway);
        }
        RfcommLinkConnector connector = connectors.get(gateway);
        if (connector == null) {
            connector = RfcommLinkConnector.register(bus, adapter, gateway, connectTimeout);
            connectors.put(gateway, connector);
        }
        try {
            return connector.connect();
        } catch (BluetoothException e) {
            if (e.reason() == BluetoothException.Reason.CLOSED || e.reason() == BluetoothException.Reason.RELEASED) {
                connectors.remove(gateway).close();
            }
            throw e;
        }
    }

    /** Connects to the bus and takes the adapter; on failure nothing stays open (the next dial starts over). */
    private void open() throws BluetoothException {
        DBusConnection opened = SystemBus.connect(busAddress);
        BluezBluetoothControl started = null;
        try {
            started = BluezBluetoothControl.start(opened, adapter, Clock.systemUTC(), Set.of());
            started.powerOn();
        } catch (BluetoothException | RuntimeException e) {
            if (started != null) {
                started.close();
            }
            SystemBus.closeQuietly(opened);
            throw e;
        }
        bus = opened;
        control = started;
    }

    /**
     * This dialer's unique name on the bus (where BlueZ calls its profile back), once it dialled;
     * readable while a dial waits for BlueZ.
     */
    String busName() {
        DBusConnection b = bus;
        return b == null ? null : b.getUniqueName();
    }

    @Override
    public synchronized void close() {
        connectors.values().forEach(RfcommLinkConnector::close);
        connectors.clear();
        if (control != null) {
            control.close();
        }
        if (bus != null) {
            SystemBus.closeQuietly(bus);
        }
    }
}
