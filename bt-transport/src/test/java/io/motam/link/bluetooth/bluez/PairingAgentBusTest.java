package io.motam.link.bluetooth.bluez;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.motam.link.bluetooth.BluetoothAddress;
import io.motam.link.bluetooth.BluetoothException;
import io.motam.link.bluetooth.BluetoothException.Reason;
import io.motam.link.bluetooth.ExpectedPeer;
import io.motam.link.bluetooth.PairableWindow;
import io.motam.link.bluetooth.SerialPortProfile;
import io.motam.link.bluetooth.bluez.BluezBus.Operation;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.types.UInt32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Our exported {@code org.bluez.Agent1}, called over the private bus exactly as bluetoothd calls
 * it (method, signature, device object path): it admits only the expected device while a window
 * is open and answers everything else with {@code org.bluez.Error.Rejected}.
 */
class PairingAgentBusTest {

    @RegisterExtension
    static final BluezDouble BLUEZ = new BluezDouble();

    private static final String AGENT = "org.bluez.Agent1";
    private static final String HCI = "hci0";
    private static final BluetoothAddress CAMERA = BluetoothAddress.parse("B8:27:EB:00:00:01");
    private static final BluetoothAddress STRANGER = BluetoothAddress.parse("DC:A6:32:00:00:02");
    private static final String HID_UUID = "00001124-0000-1000-8000-00805f9b34fb";

    private String adapter;
    private DBusConnection connection;
    private BluezBluetoothControl control;

    @BeforeEach
    void start() throws Exception {
        adapter = BLUEZ.addAdapter(HCI, "gateway");
        connection = BLUEZ.connect();
        control = BluezBluetoothControl.start(connection, HCI, Clock.systemUTC(), Set.of());
    }

    @AfterEach
    void stop() throws Exception {
        control.close();
        connection.close();
        BLUEZ.removeAdapter(HCI);
    }

    /** Calls our agent as bluetoothd would. */
    private void ask(String method, String signature, Object... args) throws BluetoothException {
        BLUEZ.bus()
                .callOn(
                        Operation.of("agent " + method),
                        Duration.ofSeconds(5),
                        connection.getUniqueName(),
                        control.agentPath(),
                        AGENT,
                        method,
                        signature,
                        args);
    }

    private DBusPath device(BluetoothAddress address) {
        return new DBusPath(adapter + "/" + address.objectName());
    }

    private void assertRejected(String method, String signature, Object... args) {
        BluetoothException e = assertThrows(BluetoothException.class, () -> ask(method, signature, args));
        assertEquals(Reason.AUTH_REJECTED, e.reason());
        assertEquals("org.bluez.Error.Rejected", e.dbusError().orElseThrow());
    }

    @Test
    void requestConfirmation_expectedDeviceDuringWindow_isAccepted() throws Exception {
        control.openPairingWindow(Duration.ofMinutes(1), ExpectedPeer.exactly(CAMERA));

        assertDoesNotThrow(() -> ask("RequestConfirmation", "ou", device(CAMERA), new UInt32(123456)));
        assertDoesNotThrow(() -> ask("RequestAuthorization", "o", device(CAMERA)));
    }

    @Test
    void requestConfirmation_otherDeviceDuringWindow_isRejectedWithBluezRejected() throws Exception {
        control.openPairingWindow(Duration.ofMinutes(1), ExpectedPeer.exactly(CAMERA));

        assertRejected("RequestConfirmation", "ou", device(STRANGER), new UInt32(123456));
        assertRejected("RequestAuthorization", "o", device(STRANGER));
        assertRejected("AuthorizeService", "os", device(STRANGER), SerialPortProfile.UUID);
    }

    @Test
    void firstToAskWindow_admitsTheFirstDeviceAndThenOnlyIt() throws Exception {
        PairableWindow window = control.openPairingWindow(Duration.ofMinutes(1), ExpectedPeer.firstToAsk());

        ask("RequestConfirmation", "ou", device(CAMERA), new UInt32(999999));

        assertEquals(CAMERA, window.admitted().orElseThrow());
        assertRejected("RequestConfirmation", "ou", device(STRANGER), new UInt32(999999));
        assertDoesNotThrow(() -> ask("AuthorizeService", "os", device(CAMERA), SerialPortProfile.UUID));
    }

    @Test
    void authorizeService_expectedDevice_onlyForTheSerialPortProfile() throws Exception {
        control.openPairingWindow(Duration.ofMinutes(1), ExpectedPeer.exactly(CAMERA));

        assertDoesNotThrow(() -> ask("AuthorizeService", "os", device(CAMERA), SerialPortProfile.UUID));
        assertRejected("AuthorizeService", "os", device(CAMERA), HID_UUID);
    }

    @Test
    void anyRequest_noWindowOpen_isRejected() {
        assertRejected("RequestConfirmation", "ou", device(CAMERA), new UInt32(1));
        assertRejected("RequestAuthorization", "o", device(CAMERA));
        assertRejected("AuthorizeService", "os", device(CAMERA), SerialPortProfile.UUID);
    }

    @Test
    void anyRequest_afterTheWindowClosed_isRejectedEvenForTheExpectedDevice() throws Exception {
        PairableWindow window = control.openPairingWindow(Duration.ofMinutes(1), ExpectedPeer.exactly(CAMERA));
        ask("RequestConfirmation", "ou", device(CAMERA), new UInt32(1));

        window.close();

        assertRejected("RequestConfirmation", "ou", device(CAMERA), new UInt32(1));
        assertRejected("AuthorizeService", "os", device(CAMERA), SerialPortProfile.UUID);
    }

    @Test
    void legacyPinAndTypedPasskey_areAlwaysRejected() throws Exception {
        control.openPairingWindow(Duration.ofMinutes(1), ExpectedPeer.exactly(CAMERA));

        assertRejected("RequestPinCode", "o", device(CAMERA));
        assertRejected("RequestPasskey", "o", device(CAMERA));
        assertRejected("DisplayPinCode", "os", device(CAMERA), "0000");
    }

    @Test
    void thrownOutDevice_isRejectedEvenWhenExpectedByAnOpenWindow() throws Exception {
        control.throwOut(CAMERA);
        control.openPairingWindow(Duration.ofMinutes(1), ExpectedPeer.exactly(CAMERA));

        assertRejected("RequestConfirmation", "ou", device(CAMERA), new UInt32(1));
    }

    @Test
    void requestForAnObjectThatIsNotADevice_isRejected() throws Exception {
        control.openPairingWindow(Duration.ofMinutes(1), ExpectedPeer.firstToAsk());

        assertRejected("RequestAuthorization", "o", new DBusPath(adapter));
    }

    @Test
    void displayPasskeyAndCancel_areAnsweredWithoutError() {
        assertDoesNotThrow(() ->
                ask("DisplayPasskey", "ouq", device(CAMERA), new UInt32(1), new org.freedesktop.dbus.types.UInt16(0)));
        assertDoesNotThrow(() -> ask("Cancel", null));
    }
}
