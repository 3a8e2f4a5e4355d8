package io.motam.gateway.bluetooth;

import io.motam.link.bluetooth.BluetoothAddress;
import io.motam.link.bluetooth.bluez.BluezDouble;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The BlueZ double (python3-dbusmock's {@code bluez5} template on a private bus) for a gateway
 * running in {@code bluetooth} mode: adapter {@value #HCI} for the gateway, a camera device known
 * to it, and the gateway pointed at the private bus ({@code motam.link.bluetooth.bus-address}).
 * Where dbus or python3-dbusmock is missing the gateway does not start and the error names it.
 */
public class BluezResource implements QuarkusTestResourceLifecycleManager {
    static final String HCI = "hci0";
    static final BluetoothAddress CAMERA = BluetoothAddress.parse("DC:A6:32:00:00:01");

    /** The double of the running test; the test plays bluetoothd through it. */
    static volatile BluezDouble bluez;

    static volatile String adapterPath;
    static volatile String cameraPath;

    @Override
    public Map<String, String> start() {
        try {
            BluezDouble d = new BluezDouble();
            d.beforeAll(null);
            bluez = d;
            adapterPath = d.addAdapter(HCI, "motam-gateway");
            cameraPath = d.addDevice(HCI, CAMERA, "motam-camera");
            return Map.of(
                    "motam.link.transport",
                    "bluetooth",
                    "motam.link.bluetooth.bus-address",
                    d.address(),
                    "motam.link.bluetooth.adapter",
                    HCI);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the BlueZ double", e);
        }
    }

    @Override
    public void stop() {
        if (bluez != null) {
            bluez.afterAll(null);
            bluez = null;
        }
    }
}
