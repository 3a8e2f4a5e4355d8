package io.motam.link.bluetooth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A {@link BluetoothControl} with no radio: the adapter and its devices live in memory and every
 * decision is recorded ({@link #decisions()}). A test double (test jar): tests run the same
 * calls as on BlueZ and see what would have been done.
 *
 * <p>It keeps the same rules as BlueZ would with {@code BluezBluetoothControl}: windows close by
 * themselves after their length, the agent ({@link #ask}) admits only the expected device while
 * a window is open, a thrown-out device is removed and blocked until unblocked, pairing a
 * thrown-out device is rejected.
 */
public final class RecordingBluetoothControl implements BluetoothControl {

    private static final Logger LOG = Logger.getLogger(RecordingBluetoothControl.class);

    /**
     * One thing done or decided.
     *
     * @param at when
     * @param action e.g. {@code "power on"}, {@code "open window"}, {@code "agent CONFIRM_PASSKEY"}
     * @param device the device concerned, if any
     * @param outcome e.g. {@code "granted: ..."}, {@code "removed and blocked"}
     */
    public record Decision(Instant at, String action, Optional<BluetoothAddress> device, String outcome) {
        public Decision {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** A device the in-memory adapter knows. */
    private static final class DeviceState {
        boolean paired;
        boolean trusted;
        boolean blocked;
    }

    private final BluetoothAddress address;
    private final Clock clock;
    private final PairingGate gate;
    private final ScheduledExecutorService timer;
    private final Map<BluetoothAddress, DeviceState> devices = new TreeMap<>();
    private final List<Decision> decisions = new ArrayList<>();
    private boolean powered;
    private boolean pairable;
    private boolean discoverable;
    private boolean closed;

    /**
     * @param address the address this pretend adapter reports
     * @param thrownOut devices thrown out before (restored from the application's store)
     */
    public RecordingBluetoothControl(BluetoothAddress address, Clock clock, Collection<BluetoothAddress> thrownOut) {
        this.address = Objects.requireNonNull(address, "address");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.gate = new PairingGate(clock, Set.of(SerialPortProfile.UUID), thrownOut);
        for (BluetoothAddress device : thrownOut) {
            device(device).blocked = true;
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "motam-bt-window");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public synchronized BluetoothAddress powerOn() throws BluetoothException {
        requireOpen("power on", null);
        powered = true;
        record("power on", null, "powered, address " + address);
        return address;
    }

    @Override
    public PairableWindow openPairingWindow(Duration ttl, ExpectedPeer expected) throws BluetoothException {
        synchronized (this) {
            requireOpen("open pairing window", null);
            if (!powered) {
                throw new BluetoothException(
                        BluetoothException.Reason.NOT_READY, "open pairing window", null, "adapter is powered off");
            }
        }
        PairableWindow window = gate.open(expected, ttl, this::closeWindow);
        synchronized (this) {
            pairable = true;
            discoverable = true;
            record("open window", null, "pairable and discoverable for " + ttl + ", expects " + expected);
        }
        timer.schedule(() -> closeQuietly(window), ttl.toNanos(), TimeUnit.NANOSECONDS);
        return window;
    }

    private synchronized void closeWindow(PairableWindow window) {
        pairable = false;
        discoverable = false;
        record(
                "close window",
                null,
                "neither pairable nor discoverable; "
                        + window.admitted().map(d -> "admitted " + d).orElse("nobody admitted"));
    }

    private void closeQuietly(PairableWindow window) {
        try {
            window.close();
        } catch (BluetoothException e) {
            LOG.warnf("Closing %s failed: %s", window, e.getMessage());
        }
    }

    /**
     * Asks the agent as BlueZ would (e.g. a device wants to pair); the verdict is recorded.
     *
     * @param serviceUuid for {@link AgentRequest#AUTHORIZE_SERVICE}, else null
     */
    public PairingGate.Verdict ask(BluetoothAddress device, AgentRequest request, String serviceUuid) {
        PairingGate.Verdict verdict = gate.decide(device, request, serviceUuid);
        synchronized (this) {
            record("agent " + request, device, (verdict.granted() ? "granted: " : "rejected: ") + verdict.reason());
        }
        return verdict;
    }

    @Override
    public synchronized void pair(BluetoothAddress device, Duration timeout) throws BluetoothException {
        requireOpen("pair", device);
        if (gate.isThrownOut(device)) {
            record("pair", device, "rejected: device was thrown out");
            throw new BluetoothException(
                    BluetoothException.Reason.AUTH_REJECTED, "pair", device, "device was thrown out; unblock it first");
        }
        DeviceState state = device(device);
        state.paired = true;
        record("pair", device, "paired");
    }

    @Override
    public synchronized void trust(BluetoothAddress device) throws BluetoothException {
        requireOpen("trust", device);
        DeviceState state = devices.get(device);
        if (state == null) {
            throw new BluetoothException(BluetoothException.Reason.DOES_NOT_EXIST, "trust", device, "unknown device");
        }
        state.trusted = true;
        record("trust", device, "trusted");
    }

    @Override
    public synchronized void throwOut(BluetoothAddress device) throws BluetoothException {
        requireOpen("throw out", device);
        gate.throwOut(device);
        DeviceState state = device(device);
        state.paired = false;
        state.trusted = false;
        state.blocked = true;
        record("throw out", device, "disconnected, removed and blocked");
    }

    @Override
    public synchronized void unblock(BluetoothAddress device) throws BluetoothException {
        requireOpen("unblock", device);
        boolean was = gate.unblock(device);
        DeviceState state = devices.get(device);
        if (state != null) {
            state.blocked = false;
            if (!state.paired) {
                devices.remove(device);
            }
        }
        record("unblock", device, was ? "unblocked" : "was not blocked");
    }

    @Override
    public Set<BluetoothAddress> thrownOut() {
        return gate.thrownOut();
    }

    @Override
    public synchronized List<PairedDevice> pairedDevices() {
        List<PairedDevice> paired = new ArrayList<>();
        devices.forEach((a, s) -> {
            if (s.paired) {
                paired.add(new PairedDevice(a, "", s.trusted, s.blocked, false));
            }
        });
        return paired;
    }

    /** Whether the pretend adapter is pairable now. */
    public synchronized boolean isPairable() {
        return pairable;
    }

    /** Whether the pretend adapter is discoverable now. */
    public synchronized boolean isDiscoverable() {
        return discoverable;
    }

    /** Whether the pretend adapter is powered. */
    public synchronized boolean isPowered() {
        return powered;
    }

    /** Whether {@code device} is blocked now. */
    public synchronized boolean isBlocked(BluetoothAddress device) {
        DeviceState state = devices.get(device);
        return state != null && state.blocked;
    }

    /** Everything done and decided so far, oldest first. */
    public synchronized List<Decision> decisions() {
        return List.copyOf(decisions);
    }

    @Override
    public void close() {
        PairableWindow window;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            window = gate.current();
        }
        if (window != null) {
            closeQuietly(window);
        }
        timer.shutdownNow();
    }

    private DeviceState device(BluetoothAddress device) {
        return devices.computeIfAbsent(device, d -> new DeviceState());
    }

    private void requireOpen(String operation, BluetoothAddress device) throws BluetoothException {
        if (closed) {
            throw new BluetoothException(BluetoothException.Reason.CLOSED, operation, device, "control is closed");
        }
    }

    private void record(String action, BluetoothAddress device, String outcome) {
        decisions.add(new Decision(clock.instant(), action, Optional.ofNullable(device), outcome));
        LOG.infof("Bluetooth (no adapter): %s%s: %s", action, device == null ? "" : " " + device, outcome);
    }
}
