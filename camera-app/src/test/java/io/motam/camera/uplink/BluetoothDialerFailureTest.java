package io.motam.camera.uplink;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.motam.link.bluetooth.BluetoothAddress;
import io.motam.link.bluetooth.BluetoothException;
import io.motam.link.bluetooth.BluetoothException.Reason;
import io.motam.link.bluetooth.bluez.BluezBus;
import io.motam.link.bluetooth.bluez.BluezDouble;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The camera's {@link BluetoothDialer} when BlueZ says no in the middle of a dial, on the BlueZ double. */
class BluetoothDialerFailureTest {

    @RegisterExtension
    static final BluezDouble BLUEZ = new BluezDouble();

    private static final BluetoothAddress GATEWAY = BluetoothAddress.parse("B8:27:EB:00:00:0B");

    private BluetoothDialer dialer;

    @AfterEach
    void stop() {
        if (dialer != null) {
            dialer.close();
        }
    }

    @Test
    void dial_noSuchAdapter_failsDoesNotExist_andLeavesNoBusConnectionOpen() throws Exception {
        long before = BLUEZ.connections();
        dialer =
                new BluetoothDialer(Optional.of(BLUEZ.address()), "hci7", Duration.ofSeconds(5), Duration.ofSeconds(5));

        for (int attempt = 1; attempt <= 3; attempt++) { // the uplink retries a failed dial with backoff
            BluetoothException e = assertThrows(BluetoothException.class, () -> dialer.dial(GATEWAY.toEndpoint()));
            assertEquals(Reason.DOES_NOT_EXIST, e.reason(), e.getMessage());
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> BLUEZ.connections() == before);
    }

    @Test
    void dial_gatewayRejectsPairing_failsAuthRejected_withoutTrustOrConnect() throws Exception {
        BLUEZ.addAdapter("hci2", "camera");
        try {
            String device = BLUEZ.addDevice("hci2", GATEWAY, "motam-gateway");
            BLUEZ.rejectPairing(device);
            dialer = new BluetoothDialer(
                    Optional.of(BLUEZ.address()), "hci2", Duration.ofSeconds(5), Duration.ofSeconds(5));

            BluetoothException e = assertThrows(BluetoothException.class, () -> dialer.dial(GATEWAY.toEndpoint()));

            assertEquals(Reason.AUTH_REJECTED, e.reason(), e.getMessage());
            assertEquals(GATEWAY, e.device().orElseThrow());
            assertEquals(Boolean.FALSE, BLUEZ.property(device, BluezBus.DEVICE, "Paired"));
            assertEquals(Boolean.FALSE, BLUEZ.property(device, BluezBus.DEVICE, "Trusted"));
            assertEquals(0, BLUEZ.calls(device, "ConnectProfile").size());
        } finally {
            BLUEZ.removeAdapter("hci2");
        }
    }
}
