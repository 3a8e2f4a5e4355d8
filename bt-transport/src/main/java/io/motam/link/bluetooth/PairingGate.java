package io.motam.link.bluetooth;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * The pairing agent's decisions, free of D-Bus: BlueZ's questions ({@link AgentRequest}) about a
 * device are answered yes only for the device the current {@link PairableWindow} admits, while it
 * is open, for the offered services, and never for a thrown-out device.
 *
 * <table>
 * <caption>Decisions</caption>
 * <tr><th>request</th><th>granted when</th></tr>
 * <tr><td>CONFIRM_PASSKEY, AUTHORIZE_PAIRING</td><td>not thrown out, and the open window admits the device</td></tr>
 * <tr><td>AUTHORIZE_SERVICE</td><td>the same, and the service is one we offer (SPP)</td></tr>
 * <tr><td>PIN_CODE, PASSKEY</td><td>never (legacy PIN and typed passkeys need a person)</td></tr>
 * </table>
 *
 * Thread-safe: BlueZ calls arrive on D-Bus threads while the application opens windows.
 */
public final class PairingGate {

    private static final Logger LOG = Logger.getLogger(PairingGate.class);

    /**
     * One answer.
     *
     * @param granted yes or no
     * @param reason why (for the log; never sent to the peer)
     */
    public record Verdict(boolean granted, String reason) {
        static Verdict yes(String reason) {
            return new Verdict(true, reason);
        }

        static Verdict no(String reason) {
            return new Verdict(false, reason);
        }
    }

    private final Clock clock;
    private final Set<String> services;
    private final Set<BluetoothAddress> thrownOut = new TreeSet<>();
    private PairableWindow window;

    /**
     * @param clock for window expiry
     * @param services service UUIDs an untrusted admitted device may connect to (lower case)
     * @param thrownOut devices thrown out before (e.g. restored from the application's store)
     */
    public PairingGate(Clock clock, Set<String> services, Collection<BluetoothAddress> thrownOut) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.services = Set.copyOf(services);
        this.thrownOut.addAll(thrownOut);
    }

    /**
     * Opens a window admitting {@code expected} for {@code ttl}, replacing (closing) any window
     * still open.
     *
     * @throws BluetoothException if closing the previous window failed
     */
    public PairableWindow open(ExpectedPeer expected, Duration ttl, PairableWindow.Closer closer)
            throws BluetoothException {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("expected a positive window length but was " + ttl);
        }
        PairableWindow previous;
        PairableWindow next = new PairableWindow(expected, clock.instant().plus(ttl), clock, closer);
        synchronized (this) {
            previous = window;
            window = next;
        }
        if (previous != null) {
            previous.close();
        }
        return next;
    }

    /** The current window, open or not; null if none was opened. */
    public synchronized PairableWindow current() {
        return window;
    }

    /**
     * Answers one agent request.
     *
     * @param serviceUuid the service for {@link AgentRequest#AUTHORIZE_SERVICE}, else ignored
     */
    public Verdict decide(BluetoothAddress device, AgentRequest request, String serviceUuid) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(request, "request");
        Verdict verdict = judge(device, request, serviceUuid);
        LOG.infof(
                "Agent %s for %s: %s (%s)",
                request, device, verdict.granted() ? "granted" : "rejected", verdict.reason());
        return verdict;
    }

    private Verdict judge(BluetoothAddress device, AgentRequest request, String serviceUuid) {
        PairableWindow open;
        synchronized (this) {
            if (thrownOut.contains(device)) {
                return Verdict.no("device was thrown out");
            }
            open = window;
        }
        switch (request) {
            case PIN_CODE, PASSKEY -> {
                return Verdict.no("legacy PIN and typed passkeys are not supported");
            }
            case AUTHORIZE_SERVICE -> {
                if (serviceUuid == null || !services.contains(serviceUuid.toLowerCase(Locale.ROOT))) {
                    return Verdict.no("service " + serviceUuid + " is not offered");
                }
            }
            case CONFIRM_PASSKEY, AUTHORIZE_PAIRING -> {
                // judged by the window below
            }
        }
        if (open == null) {
            return Verdict.no("no pairing window is open");
        }
        return open.admit(device).map(Verdict::no).orElseGet(() -> Verdict.yes("admitted by " + open));
    }

    /** From now on every request about {@code device} is rejected, whatever the window. */
    public synchronized void throwOut(BluetoothAddress device) {
        thrownOut.add(Objects.requireNonNull(device, "device"));
    }

    /** Lifts {@link #throwOut}; returns whether it was in force. */
    public synchronized boolean unblock(BluetoothAddress device) {
        return thrownOut.remove(device);
    }

    public synchronized boolean isThrownOut(BluetoothAddress device) {
        return thrownOut.contains(device);
    }

    /** Devices thrown out and not unblocked since, in address order. */
    public synchronized Set<BluetoothAddress> thrownOut() {
        return Collections.unmodifiableSet(new TreeSet<>(thrownOut));
    }
}
