package io.motam.gateway.bluetooth;

import io.motam.gateway.audit.AuditLog;
import io.motam.link.bluetooth.BluetoothAddress;
import io.motam.link.bluetooth.BluetoothException;
import io.motam.link.bluetooth.ExpectedPeer;
import io.motam.link.bluetooth.PairableWindow;
import io.motam.link.bluetooth.bluez.BluezBluetoothControl;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;

/**
 * The adapter the gateway really has: with {@code motam.link.transport=bluetooth} every request
 * goes to BlueZ ({@link BluezBluetoothControl}: pairable window with an agent that admits only
 * the first device to ask, throw-out = disconnect + remove + block); with TCP links it is the
 * {@link RecordingAdapterControl}. Either way the decision is recorded in the audit log.
 */
@ApplicationScoped
public class RadioAdapterControl implements AdapterControl {

    @Inject
    AuditLog audit;

    @Inject
    GatewayBluetooth bluetooth;

    private RecordingAdapterControl recording;
    private PairableWindow window;

    @PostConstruct
    void init() {
        recording = new RecordingAdapterControl(audit);
    }

    @Override
    public synchronized void openPairingWindow(Duration ttl) throws AdapterException {
        Optional<BluezBluetoothControl> bt = control();
        if (bt.isEmpty()) {
            recording.openPairingWindow(ttl);
            return;
        }
        try {
            closeWindow();
            window = bt.get().openPairingWindow(ttl, ExpectedPeer.firstToAsk());
        } catch (BluetoothException e) {
            throw new AdapterException("open pairing window: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void closePairingWindow() throws AdapterException {
        if (control().isEmpty()) {
            recording.closePairingWindow();
            return;
        }
        try {
            closeWindow();
        } catch (BluetoothException e) {
            throw new AdapterException("close pairing window: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void throwOut(String address) throws AdapterException {
        Optional<BluezBluetoothControl> bt = control();
        if (bt.isEmpty() || !address.startsWith(BluetoothAddress.ENDPOINT_PREFIX)) {
            recording.throwOut(address);
            return;
        }
        try {
            bt.get().throwOut(BluetoothAddress.fromEndpoint(address));
        } catch (BluetoothException e) {
            throw new AdapterException("throw out " + address + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void unblock(String address) throws AdapterException {
        Optional<BluezBluetoothControl> bt = control();
        if (bt.isEmpty() || !address.startsWith(BluetoothAddress.ENDPOINT_PREFIX)) {
            recording.unblock(address);
            return;
        }
        try {
            bt.get().unblock(BluetoothAddress.fromEndpoint(address));
        } catch (BluetoothException e) {
            throw new AdapterException("unblock " + address + ": " + e.getMessage(), e);
        }
    }

    /** The recorded decisions (TCP mode). */
    public RecordingAdapterControl recording() {
        return recording;
    }

    private void closeWindow() throws BluetoothException {
        if (window != null) {
            window.close();
            window = null;
        }
    }

    private Optional<BluezBluetoothControl> control() throws AdapterException {
        try {
            return bluetooth.control();
        } catch (BluetoothException e) {
            throw new AdapterException("Bluetooth adapter: " + e.getMessage(), e);
        }
    }
}
