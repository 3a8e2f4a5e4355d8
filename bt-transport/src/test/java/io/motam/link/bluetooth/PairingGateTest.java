package io.motam.link.bluetooth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The agent's decisions without D-Bus. */
class PairingGateTest {

    private static final BluetoothAddress CAMERA = BluetoothAddress.parse("B8:27:EB:00:00:01");
    private static final BluetoothAddress STRANGER = BluetoothAddress.parse("DC:A6:32:00:00:02");

    /** A clock the test moves. */
    private static final class StepClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final StepClock clock = new StepClock();
    private final PairingGate gate = new PairingGate(clock, Set.of(SerialPortProfile.UUID), List.of());

    private boolean granted(BluetoothAddress device, AgentRequest request) {
        return gate.decide(device, request, SerialPortProfile.UUID).granted();
    }

    @Test
    void decide_noWindowEverOpened_rejectsEverything() {
        for (AgentRequest r : AgentRequest.values()) {
            assertFalse(granted(CAMERA, r), r.toString());
        }
    }

    @Test
    void exactlyWindow_admitsOnlyThatDevice_untilItExpires() throws Exception {
        gate.open(ExpectedPeer.exactly(CAMERA), Duration.ofSeconds(120), w -> {});

        assertTrue(granted(CAMERA, AgentRequest.CONFIRM_PASSKEY));
        assertTrue(granted(CAMERA, AgentRequest.AUTHORIZE_PAIRING));
        assertTrue(granted(CAMERA, AgentRequest.AUTHORIZE_SERVICE));
        assertFalse(granted(STRANGER, AgentRequest.CONFIRM_PASSKEY));

        clock.advance(Duration.ofSeconds(120));

        assertFalse(granted(CAMERA, AgentRequest.CONFIRM_PASSKEY), "expired at closesAt");
    }

    @Test
    void firstToAskWindow_pinsTheFirstDevice() throws Exception {
        PairableWindow window = gate.open(ExpectedPeer.firstToAsk(), Duration.ofSeconds(120), w -> {});
        assertTrue(window.admitted().isEmpty());

        assertTrue(granted(STRANGER, AgentRequest.AUTHORIZE_PAIRING));

        assertEquals(STRANGER, window.admitted().orElseThrow());
        assertFalse(granted(CAMERA, AgentRequest.AUTHORIZE_PAIRING));
    }

    @Test
    void authorizeService_otherThanSpp_isRejected() throws Exception {
        gate.open(ExpectedPeer.exactly(CAMERA), Duration.ofSeconds(120), w -> {});

        PairingGate.Verdict v =
                gate.decide(CAMERA, AgentRequest.AUTHORIZE_SERVICE, "0000110a-0000-1000-8000-00805f9b34fb");

        assertFalse(v.granted());
        assertTrue(v.reason().contains("not offered"), v.reason());
        assertTrue(gate.decide(CAMERA, AgentRequest.AUTHORIZE_SERVICE, SerialPortProfile.UUID.toUpperCase())
                .granted());
    }

    @Test
    void pinAndPasskey_neverGranted() throws Exception {
        gate.open(ExpectedPeer.exactly(CAMERA), Duration.ofSeconds(120), w -> {});

        assertFalse(granted(CAMERA, AgentRequest.PIN_CODE));
        assertFalse(granted(CAMERA, AgentRequest.PASSKEY));
    }

    @Test
    void thrownOut_rejectedDuringAWindowThatExpectsIt_untilUnblocked() throws Exception {
        gate.throwOut(CAMERA);
        gate.open(ExpectedPeer.exactly(CAMERA), Duration.ofSeconds(120), w -> {});

        assertEquals(
                "device was thrown out",
                gate.decide(CAMERA, AgentRequest.CONFIRM_PASSKEY, null).reason());

        assertTrue(gate.unblock(CAMERA));
        assertTrue(granted(CAMERA, AgentRequest.CONFIRM_PASSKEY));
        assertFalse(gate.unblock(CAMERA));
    }

    @Test
    void open_replacesTheOpenWindow_closingItOnce() throws Exception {
        AtomicInteger closes = new AtomicInteger();
        PairableWindow first =
                gate.open(ExpectedPeer.exactly(CAMERA), Duration.ofSeconds(120), w -> closes.incrementAndGet());

        gate.open(ExpectedPeer.exactly(STRANGER), Duration.ofSeconds(120), w -> {});
        first.close();

        assertEquals(1, closes.get());
        assertEquals(PairableWindow.State.CLOSED, first.state());
        assertFalse(granted(CAMERA, AgentRequest.CONFIRM_PASSKEY));
        assertTrue(granted(STRANGER, AgentRequest.CONFIRM_PASSKEY));
    }

    @Test
    void open_nonPositiveLength_throws() {
        assertThrows(
                IllegalArgumentException.class, () -> gate.open(ExpectedPeer.firstToAsk(), Duration.ZERO, w -> {}));
    }

    @Test
    void thrownOut_restoredFromTheStore_inAddressOrder() {
        PairingGate restored = new PairingGate(clock, Set.of(), List.of(STRANGER, CAMERA));

        assertEquals(List.of(CAMERA, STRANGER), List.copyOf(restored.thrownOut()));
    }
}
