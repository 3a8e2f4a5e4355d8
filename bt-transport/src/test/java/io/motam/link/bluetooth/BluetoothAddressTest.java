package io.motam.link.bluetooth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BluetoothAddressTest {

    @Test
    void parse_lowerCase_isCanonicalUpperCase() {
        assertEquals(
                "B8:27:EB:12:34:56",
                BluetoothAddress.parse(" b8:27:eb:12:34:56 ").value());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "B8:27:EB:12:34",
                "B8:27:EB:12:34:56:78",
                "B8-27-EB-12-34-56",
                "G8:27:EB:12:34:56",
                "b8:27:eb:12:34:56"
            })
    void constructor_notCanonical_throwsNamingTheExpectedForm(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BluetoothAddress(text));
        assertTrue(
                e.getMessage().startsWith("expected a Bluetooth address like AA:BB:CC:DD:EE:FF but was"),
                e.getMessage());
    }

    @Test
    void endpoint_roundTrips() {
        BluetoothAddress a = BluetoothAddress.parse("B8:27:EB:12:34:56");
        assertEquals("bt:B8:27:EB:12:34:56", a.toEndpoint());
        assertEquals(a, BluetoothAddress.fromEndpoint(a.toEndpoint()));
    }

    @Test
    void fromEndpoint_tcpEndpoint_throws() {
        assertThrows(IllegalArgumentException.class, () -> BluetoothAddress.fromEndpoint("tcp:127.0.0.1:7420"));
        assertThrows(IllegalArgumentException.class, () -> BluetoothAddress.fromEndpoint(null));
    }

    @Test
    void objectPath_roundTrips() {
        BluetoothAddress a = BluetoothAddress.parse("B8:27:EB:12:34:56");
        assertEquals("dev_B8_27_EB_12_34_56", a.objectName());
        assertEquals(Optional.of(a), BluetoothAddress.fromObjectPath("/org/bluez/hci0/" + a.objectName()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/org/bluez/hci0",
                "/org/bluez/hci0/dev_B8_27_EB",
                "/org/bluez/hci0/dev_B8_27_EB_12_34_56/sep1",
                "/org/bluez/hci0/dev_b8_27_eb_12_34_56"
            })
    void fromObjectPath_notADevice_isEmpty(String path) {
        assertEquals(Optional.empty(), BluetoothAddress.fromObjectPath(path));
    }
}
