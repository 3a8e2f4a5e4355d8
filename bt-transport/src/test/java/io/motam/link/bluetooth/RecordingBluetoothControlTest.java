package io.motam.link.bluetooth;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.link.bluetooth.BluetoothException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The no-adapter control keeps BlueZ's rules and records every decision. */
class RecordingBluetoothControlTest {

    private static final BluetoothAddress ADAPTER = BluetoothAddress.parse("B8:27:EB:00:00:0A");
    private static final BluetoothAddress CAMERA = BluetoothAddress.parse("B8:27:EB:00:00:01");
    private static final BluetoothAddress STRANGER = BluetoothAddress.parse("DC:A6:32:00:00:02");

    private final RecordingBluetoothControl control =
            new RecordingBluetoothControl(ADAPTER, Clock.systemUTC(), Set.of());

    @AfterEach
    void close() {
        control.close();
    }

    private List<String> actions() {
        return control.decisions().stream()
                .map(RecordingBluetoothControl.Decision::action)
                .toList();
    }

    @Test
    void window_opensPairableAndDiscoverable_andClosesByItself() throws Exception {
        assertEquals(ADAPTER, control.powerOn());

        PairableWindow window = control.openPairingWindow(Duration.ofMillis(300), ExpectedPeer.firstToAsk());

        assertTrue(control.isPairable() && control.isDiscoverable());
        await().atMost(Duration.ofSeconds(5)).until(() -> !control.isDiscoverable() && !control.isPairable());
        assertEquals(PairableWindow.State.CLOSED, window.state());
        assertEquals(List.of("power on", "open window", "close window"), actions());
    }

    @Test
    void openPairingWindow_poweredOff_throwsNotReady() {
        BluetoothException e = assertThrows(
                BluetoothException.class,
                () -> control.openPairingWindow(Duration.ofSeconds(1), ExpectedPeer.firstToAsk()));
        assertEquals(Reason.NOT_READY, e.reason());
    }

    @Test
    void ask_admitsOnlyTheExpectedDevice_andRecordsVerdicts() throws Exception {
        control.powerOn();
        control.openPairingWindow(Duration.ofMinutes(2), ExpectedPeer.exactly(CAMERA));

        assertTrue(control.ask(CAMERA, AgentRequest.CONFIRM_PASSKEY, null).granted());
        assertFalse(control.ask(STRANGER, AgentRequest.CONFIRM_PASSKEY, null).granted());

        List<RecordingBluetoothControl.Decision> d = control.decisions();
        assertTrue(d.get(d.size() - 2).outcome().startsWith("granted"));
        assertTrue(d.get(d.size() - 1).outcome().startsWith("rejected"));
        assertEquals(STRANGER, d.get(d.size() - 1).device().orElseThrow());
    }

    @Test
    void pairTrustThrowOutUnblock_keepTheSameRulesAsBluez() throws Exception {
        control.pair(CAMERA, Duration.ofSeconds(1));
        control.trust(CAMERA);
        assertEquals(List.of(new PairedDevice(CAMERA, "", true, false, false)), control.pairedDevices());

        control.throwOut(CAMERA);

        assertTrue(control.pairedDevices().isEmpty(), "removed");
        assertTrue(control.isBlocked(CAMERA), "blocked");
        assertEquals(Set.of(CAMERA), control.thrownOut());
        assertEquals(
                Reason.AUTH_REJECTED,
                assertThrows(BluetoothException.class, () -> control.pair(CAMERA, Duration.ofSeconds(1)))
                        .reason());

        control.unblock(CAMERA);

        assertFalse(control.isBlocked(CAMERA));
        control.pair(CAMERA, Duration.ofSeconds(1));
        assertEquals(List.of("pair", "trust", "throw out", "pair", "unblock", "pair"), actions());
    }

    @Test
    void trust_unknownDevice_throwsDoesNotExist() {
        assertEquals(
                Reason.DOES_NOT_EXIST,
                assertThrows(BluetoothException.class, () -> control.trust(STRANGER))
                        .reason());
    }

    @Test
    void constructedWithThrownOutDevices_blocksThem() {
        try (RecordingBluetoothControl restored =
                new RecordingBluetoothControl(ADAPTER, Clock.systemUTC(), Set.of(STRANGER))) {
            assertTrue(restored.isBlocked(STRANGER));
            assertFalse(
                    restored.ask(STRANGER, AgentRequest.AUTHORIZE_PAIRING, null).granted());
        }
    }

    @Test
    void close_thenOperation_throwsClosed() {
        control.close();
        assertEquals(
                Reason.CLOSED,
                assertThrows(BluetoothException.class, control::powerOn).reason());
    }
}
