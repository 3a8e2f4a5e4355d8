package io.motam.link.bluetooth.bluez;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.link.bluetooth.BluetoothAddress;
import io.motam.link.bluetooth.BluetoothException;
import io.motam.link.bluetooth.BluetoothException.Reason;
import io.motam.link.bluetooth.bluez.BluezBus.Operation;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** D-Bus errors from the BlueZ double arrive as {@link BluetoothException}s with their names. */
class BluezBusTest {

    @RegisterExtension
    static final BluezDouble BLUEZ = new BluezDouble();

    private static final BluetoothAddress PHONE = BluetoothAddress.parse("AA:BB:CC:DD:EE:01");

    private String adapter;

    @BeforeEach
    void addAdapter() throws Exception {
        adapter = BLUEZ.addAdapter("hci0", "gateway");
    }

    @AfterEach
    void removeAdapter() throws Exception {
        BLUEZ.removeAdapter("hci0");
    }

    @Test
    void call_pairTwice_secondIsAlreadyExistsWithBluezName() throws Exception {
        String device = BLUEZ.addDevice("hci0", PHONE, "phone");
        Operation op = Operation.of("pair", PHONE);
        BLUEZ.bus().call(op, device, BluezBus.DEVICE, "Pair", null);

        BluetoothException e = assertThrows(
                BluetoothException.class, () -> BLUEZ.bus().call(op, device, BluezBus.DEVICE, "Pair", null));

        assertEquals(Reason.ALREADY_EXISTS, e.reason());
        assertEquals("org.bluez.Error.AlreadyExists", e.dbusError().orElseThrow());
        assertEquals(PHONE, e.device().orElseThrow());
        assertEquals("pair", e.operation());
    }

    @Test
    void call_deviceThatDoesNotExist_isDoesNotExist() {
        Operation op = Operation.of("pair", PHONE);

        BluetoothException e = assertThrows(
                BluetoothException.class,
                () -> BLUEZ.bus().call(op, adapter + "/" + PHONE.objectName(), BluezBus.DEVICE, "Pair", null));

        assertEquals(Reason.DOES_NOT_EXIST, e.reason());
        assertEquals("org.freedesktop.DBus.Error.UnknownObject", e.dbusError().orElseThrow());
    }

    @Test
    void call_startDiscoveryWithoutFilter_failsWithTheMocksErrorName() {
        // a dbusmock gap (FACTS.md): StartDiscovery reads the filter that SetDiscoveryFilter stores
        BluetoothException e = assertThrows(
                BluetoothException.class,
                () -> BLUEZ.bus().call(Operation.of("discover"), adapter, BluezBus.ADAPTER, "StartDiscovery", null));

        assertEquals(Reason.FAILED, e.reason());
        assertEquals("org.freedesktop.DBus.Python.KeyError", e.dbusError().orElseThrow());
        assertTrue(e.getMessage().endsWith("KeyError: 'DiscoveryFilter')"), e.getMessage());
    }

    @Test
    void callOn_nameNobodyOwns_isServiceUnavailable() {
        BluetoothException e = assertThrows(
                BluetoothException.class,
                () -> BLUEZ.bus()
                        .callOn(
                                Operation.of("ping"),
                                Duration.ofSeconds(5),
                                "org.example.Nobody",
                                "/",
                                "org.freedesktop.DBus.Peer",
                                "Ping",
                                null));

        assertEquals(Reason.SERVICE_UNAVAILABLE, e.reason());
        assertEquals("org.freedesktop.DBus.Error.ServiceUnknown", e.dbusError().orElseThrow());
    }

    @Test
    void getBoolean_adapterFlags_readBack() throws Exception {
        assertTrue(BLUEZ.bus().getBoolean(Operation.of("read"), adapter, BluezBus.ADAPTER, "Powered"));
        BLUEZ.bus().set(Operation.of("write"), adapter, BluezBus.ADAPTER, "Powered", Boolean.FALSE);
        assertEquals(Boolean.FALSE, BLUEZ.property(adapter, BluezBus.ADAPTER, "Powered"));
    }
}
