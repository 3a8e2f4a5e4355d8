package io.motam.link.bluetooth.bluez;

import io.motam.link.bluetooth.BluetoothAddress;
import io.motam.link.bluetooth.BluetoothException;
import io.motam.link.bluetooth.BluetoothException.Reason;
import io.motam.link.bluetooth.PairingGate;
import io.motam.link.bluetooth.bluez.BluezBus.Operation;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.freedesktop.dbus.DBusPath;
import org.jboss.logging.Logger;

/**
 * Throw-out and unblock on BlueZ.
 *
 * <pre>
 *  throw out:  gate refuses the device            (at once, whatever BlueZ does)
 *              Device1.Disconnect                 (NotConnected is fine)
 *              Adapter1.RemoveDevice              (keys forgotten; BlueZ also lifts any block here)
 *  appears:    Device1.Blocked = true             (its object is back: it connected in or was seen)
 *  unblock:    gate admits it again, Device1.Blocked = false if the object exists
 * </pre>
 *
 * BlueZ's {@code device_remove_stored} unblocks a device it removes, and a removed device has no
 * object to set {@code Blocked} on; hence the block is kept in the {@link PairingGate} and applied
 * on sight.
 */
final class DeviceBlocks {

    private static final Logger LOG = Logger.getLogger(DeviceBlocks.class);

    private final BluezBus bus;
    private final String adapterPath;
    private final PairingGate gate;
    private final Executor executor;
    private volatile boolean stopped;

    /**
     * @param executor runs the blocks that appearances trigger (not on the D-Bus signal thread,
     *        which must not wait for replies)
     */
    DeviceBlocks(BluezBus bus, String adapterPath, PairingGate gate, Executor executor) {
        this.bus = bus;
        this.adapterPath = adapterPath;
        this.gate = gate;
        this.executor = executor;
    }

    static String devicePath(String adapterPath, BluetoothAddress device) {
        return adapterPath + "/" + Objects.requireNonNull(device, "device").objectName();
    }

    /** Disconnects, removes, and blocks from now on. Idempotent; a device BlueZ does not know is only blocked. */
    void throwOut(Operation op, BluetoothAddress device) throws BluetoothException {
        gate.throwOut(device);
        String path = devicePath(adapterPath, device);
        if (DeviceWatch.exists(bus, op, path)) {
            try {
                bus.call(op, path, BluezBus.DEVICE, "Disconnect", null);
            } catch (BluetoothException e) {
                if (e.reason() != Reason.NOT_CONNECTED) {
                    throw e;
                }
            }
            bus.call(op, adapterPath, BluezBus.ADAPTER, "RemoveDevice", "o", new DBusPath(path));
        }
        if (DeviceWatch.exists(bus, op, path)) {
            throw op.fail(Reason.FAILED, "the device object is still there after RemoveDevice");
        }
        LOG.infof("Threw out %s: disconnected, removed, blocked from now on", device);
    }

    /** Lifts a throw-out; clears {@code Blocked} if BlueZ has the device. */
    void unblock(Operation op, BluetoothAddress device) throws BluetoothException {
        boolean was = gate.unblock(device);
        String path = devicePath(adapterPath, device);
        if (DeviceWatch.exists(bus, op, path)) {
            bus.set(op, path, BluezBus.DEVICE, "Blocked", Boolean.FALSE);
            if (bus.getBoolean(op, path, BluezBus.DEVICE, "Blocked")) {
                throw op.fail(Reason.FAILED, "Blocked is still true after clearing it");
            }
        }
        LOG.infof("Unblocked %s%s", device, was ? "" : " (was not thrown out)");
    }

    /** A device object appeared: block it if it was thrown out. */
    void onAppear(BluetoothAddress device) {
        if (stopped || !gate.isThrownOut(device)) {
            return;
        }
        try {
            executor.execute(() -> block(device));
        } catch (RejectedExecutionException e) {
            LOG.debugf("Not blocking %s: control closing", device);
        }
    }

    /** No more blocks on sight. */
    void stop() {
        stopped = true;
    }

    private void block(BluetoothAddress device) {
        Operation op = Operation.of("block", device);
        String path = devicePath(adapterPath, device);
        try {
            if (!DeviceWatch.exists(bus, op, path)) {
                return;
            }
            bus.set(op, path, BluezBus.DEVICE, "Blocked", Boolean.TRUE);
            if (!bus.getBoolean(op, path, BluezBus.DEVICE, "Blocked")) {
                throw op.fail(Reason.FAILED, "Blocked is still false after setting it");
            }
            LOG.infof("Blocked thrown-out device %s", device);
        } catch (BluetoothException e) {
            LOG.errorf("Could not block thrown-out device %s: %s", device, e.getMessage());
        }
    }
}
