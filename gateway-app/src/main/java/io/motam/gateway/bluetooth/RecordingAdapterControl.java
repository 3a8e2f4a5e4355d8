package io.motam.gateway.bluetooth;

import io.motam.gateway.audit.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The adapter for links without a radio (TCP): it cannot act on a device, so it records every
 * decision, in memory and in the audit log, and keeps the set of addresses it would hold
 * blocked. {@link RadioAdapterControl} uses it whenever the link is not Bluetooth.
 */
public final class RecordingAdapterControl implements AdapterControl {
    private static final Logger LOG = Logger.getLogger(RecordingAdapterControl.class);
    /** Actions kept in memory. */
    static final int KEPT = 1000;

    /** One recorded request. */
    public record Action(Instant at, String kind, String address, Duration window) {}

    private final AuditLog audit;

    private final Clock clock = Clock.systemUTC();
    private final List<Action> actions = new ArrayList<>();
    private final Set<String> blocked = new LinkedHashSet<>();
    private Instant pairableUntil;

    RecordingAdapterControl(AuditLog audit) {
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @Override
    public synchronized void openPairingWindow(Duration window) {
        pairableUntil = clock.instant().plus(window);
        record("PAIRABLE_ON", null, window, "pairable until " + pairableUntil + " (recorded: no radio adapter)");
    }

    @Override
    public synchronized void closePairingWindow() {
        pairableUntil = null;
        record("PAIRABLE_OFF", null, null, "pairable window closed (recorded: no radio adapter)");
    }

    @Override
    public synchronized void throwOut(String address) {
        blocked.add(address);
        record("DEVICE_REMOVED_BLOCKED", address, null, "removed and blocked (recorded: no radio adapter)");
    }

    @Override
    public synchronized void unblock(String address) {
        blocked.remove(address);
        record("DEVICE_UNBLOCKED", address, null, "unblocked (recorded: no radio adapter)");
    }

    /** Everything asked so far, oldest first. */
    public synchronized List<Action> actions() {
        return List.copyOf(actions);
    }

    /** Addresses a real adapter would hold blocked now. */
    public synchronized Set<String> blocked() {
        return Set.copyOf(blocked);
    }

    public synchronized boolean pairable() {
        return pairableUntil != null && clock.instant().isBefore(pairableUntil);
    }

    private void record(String kind, String address, Duration window, String reason) {
        actions.add(new Action(clock.instant(), kind, address, window));
        if (actions.size() > KEPT) {
            actions.remove(0);
        }
        audit.append("ADAPTER_" + kind, null, null, address, reason);
        LOG.infof("adapter %s%s", kind, address == null ? "" : " address=" + address);
    }
}
