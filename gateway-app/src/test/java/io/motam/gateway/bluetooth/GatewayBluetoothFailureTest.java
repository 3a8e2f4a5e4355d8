package io.motam.gateway.bluetooth;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.motam.gateway.config.LinkConfig;
import io.motam.link.bluetooth.BluetoothException;
import io.motam.link.bluetooth.BluetoothException.Reason;
import io.motam.link.bluetooth.SerialPortProfile;
import io.motam.link.bluetooth.bluez.BluezBus;
import io.motam.link.bluetooth.bluez.BluezBus.Operation;
import io.motam.link.bluetooth.bluez.BluezDouble;
import io.motam.link.bluetooth.rfcomm.RfcommLinkAcceptor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link GatewayBluetooth} when BlueZ says no in the middle of its start, on the BlueZ double
 * (whose ProfileManager1 refuses a second registration of a path, as bluetoothd does). The app's
 * configuration and blocklist, which need the running app, are Mockito stand-ins.
 */
class GatewayBluetoothFailureTest {

    @RegisterExtension
    static final BluezDouble BLUEZ = new BluezDouble();

    private GatewayBluetooth bluetooth;

    @BeforeAll
    static void strictProfiles() throws Exception {
        BLUEZ.refuseDuplicateProfiles();
    }

    private GatewayBluetooth gatewayOn(String adapter) {
        GatewayBluetooth b = new GatewayBluetooth();
        b.config = mock(LinkConfig.class, RETURNS_DEEP_STUBS);
        when(b.config.transport()).thenReturn("bluetooth");
        when(b.config.bluetooth().busAddress()).thenReturn(Optional.of(BLUEZ.address()));
        when(b.config.bluetooth().adapter()).thenReturn(adapter);
        when(b.config.bluetooth().channel()).thenReturn(1);
        b.blocklist = mock(Blocklist.class);
        when(b.blocklist.all()).thenReturn(List.of());
        return b;
    }

    @AfterEach
    void stop() {
        if (bluetooth != null) {
            bluetooth.close(null);
        }
    }

    @Test
    void acceptor_noSuchAdapter_failsDoesNotExist_andLeavesNoBusConnectionOpen() throws Exception {
        long before = BLUEZ.connections();
        bluetooth = gatewayOn("hci6");

        for (int attempt = 1; attempt <= 2; attempt++) {
            BluetoothException e = assertThrows(BluetoothException.class, bluetooth::acceptor);
            assertEquals(Reason.DOES_NOT_EXIST, e.reason(), e.getMessage());
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> BLUEZ.connections() == before);
    }

    @Test
    void acceptor_profilePathAlreadyRegistered_failsAlreadyExists_andWorksOnceItIsFree() throws Exception {
        BLUEZ.addAdapter("hci4", "motam-gateway");
        try {
            String path = RfcommLinkAcceptor.PROFILE_PATH_PREFIX + "hci4";
            // a registration left behind by another process (e.g. a gateway that did not shut down)
            BLUEZ.bus()
                    .call(
                            Operation.of("stale register"),
                            BluezBus.MANAGER_PATH,
                            "org.bluez.ProfileManager1",
                            "RegisterProfile",
                            "osa{sv}",
                            new DBusPath(path),
                            SerialPortProfile.UUID,
                            Map.<String, Variant<?>>of());
            bluetooth = gatewayOn("hci4");

            BluetoothException e = assertThrows(BluetoothException.class, bluetooth::acceptor);

            assertEquals(Reason.ALREADY_EXISTS, e.reason(), e.getMessage());
            assertTrue(bluetooth.control().isPresent(), "the adapter control stays usable");
            BLUEZ.bus()
                    .call(
                            Operation.of("stale unregister"),
                            BluezBus.MANAGER_PATH,
                            "org.bluez.ProfileManager1",
                            "UnregisterProfile",
                            "o",
                            new DBusPath(path));
            RfcommLinkAcceptor acceptor = bluetooth.acceptor();
            assertEquals(RfcommLinkAcceptor.State.ACCEPTING, acceptor.state());
            acceptor.close();
        } finally {
            BLUEZ.removeAdapter("hci4");
        }
    }
}
