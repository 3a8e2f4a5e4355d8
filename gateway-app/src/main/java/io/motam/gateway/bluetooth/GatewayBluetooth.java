package io.motam.gateway.bluetooth;

import io.motam.gateway.config.LinkConfig;
import io.motam.link.bluetooth.BluetoothAddress;
import io.motam.link.bluetooth.BluetoothException;
import io.motam.link.bluetooth.bluez.BluezBluetoothControl;
import io.motam.link.bluetooth.bluez.SystemBus;
import io.motam.link.bluetooth.rfcomm.RfcommLinkAcceptor;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.jboss.logging.Logger;

/**
 * The gateway's BlueZ side when {@code motam.link.transport=bluetooth}: one system-bus
 * connection for the app's life, the adapter control (powered, pairing agent, thrown-out devices
 * restored from the blocklist), and the RFCOMM Serial Port profile acceptor.
 */
@ApplicationScoped
public class GatewayBluetooth {
    private static final Logger LOG = Logger.getLogger(GatewayBluetooth.class);

    @Inject
    LinkConfig config;

    @Inject
    Blocklist blocklist;

    private volatile DBusConnection bus;
    private BluezBluetoothControl control;

    public boolean enabled() {
        return "bluetooth".equals(config.transport());
    }

    /** The adapter control, started on first use; empty in TCP mode. */
    public synchronized Optional<BluezBluetoothControl> control() throws BluetoothException {
        if (!enabled()) {
            return Optional.empty();
        }
        if (control == null) {
            List<BluetoothAddress> thrownOut = blocklist.all().stream()
                    .map(Blocklist.Blocked::address)
                    .filter(a -> a.startsWith(BluetoothAddress.ENDPOINT_PREFIX))
                    .map(BluetoothAddress::fromEndpoint)
                    .toList();
            DBusConnection opened = SystemBus.connect(config.bluetooth().busAddress());
            BluezBluetoothControl started = null;
            BluetoothAddress address;
            try {
                started =
                        BluezBluetoothControl.start(opened, config.bluetooth().adapter(), Clock.systemUTC(), thrownOut);
                address = started.powerOn();
            } catch (BluetoothException | RuntimeException e) {
                // nothing stays open: the next call starts over
                if (started != null) {
                    started.close();
                }
                SystemBus.closeQuietly(opened);
                throw e;
            }
            bus = opened;
            control = started;
            LOG.infof(
                    "Bluetooth adapter %s (%s) powered, %d device(s) kept thrown out",
                    config.bluetooth().adapter(), address.value(), thrownOut.size());
        }
        return Optional.of(control);
    }

    /** A new Serial Port profile acceptor (again after BlueZ released the previous one). */
    public synchronized RfcommLinkAcceptor acceptor() throws BluetoothException {
        control();
        return RfcommLinkAcceptor.register(
                bus, config.bluetooth().adapter(), config.bluetooth().channel());
    }

    /** This gateway's unique name on the bus (where BlueZ calls its profile back), once started. */
    String busName() {
        DBusConnection b = bus;
        return b == null ? null : b.getUniqueName();
    }

    synchronized void close(@Observes ShutdownEvent ev) {
        if (control != null) {
            control.close();
        }
        if (bus != null) {
            SystemBus.closeQuietly(bus);
        }
    }
}
