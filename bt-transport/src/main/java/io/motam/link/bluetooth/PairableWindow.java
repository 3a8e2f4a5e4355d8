package io.motam.link.bluetooth;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A bounded time during which the pairing agent admits the {@link ExpectedPeer}: opened by
 * {@link BluetoothControl#openPairingWindow} (adapter pairable and discoverable) or for the length
 * of one {@link BluetoothControl#pair} call. It closes at {@link #closesAt()} by itself, or
 * earlier by {@link #close()}.
 *
 * <pre>
 *  OPEN --close() or closesAt passed--&gt; CLOSED      (no way back: open a new window)
 * </pre>
 */
public final class PairableWindow implements AutoCloseable {

    /** What closing a window does to the adapter (pairable and discoverable off, ...). */
    @FunctionalInterface
    public interface Closer {
        void close(PairableWindow window) throws BluetoothException;
    }

    /** A window's life. */
    public enum State {
        OPEN,
        CLOSED
    }

    private final ExpectedPeer expected;
    private final Instant closesAt;
    private final Clock clock;
    private final Closer closer;
    private State state = State.OPEN;
    private BluetoothAddress admitted;

    PairableWindow(ExpectedPeer expected, Instant closesAt, Clock clock, Closer closer) {
        this.expected = Objects.requireNonNull(expected, "expected");
        this.closesAt = Objects.requireNonNull(closesAt, "closesAt");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.closer = Objects.requireNonNull(closer, "closer");
        if (expected instanceof ExpectedPeer.Exactly exactly) {
            admitted = exactly.device();
        }
    }

    public ExpectedPeer expected() {
        return expected;
    }

    /** The device this window admits: the expected one, or the first that asked; empty before that. */
    public synchronized Optional<BluetoothAddress> admitted() {
        return Optional.ofNullable(admitted);
    }

    public Instant closesAt() {
        return closesAt;
    }

    /** Open and not past {@link #closesAt()}. */
    public synchronized boolean isOpen() {
        return state == State.OPEN && clock.instant().isBefore(closesAt);
    }

    public synchronized State state() {
        return state;
    }

    /**
     * Whether {@code device} may pair or connect through this window; the first device to ask a
     * {@link ExpectedPeer#firstToAsk()} window becomes the only one it admits.
     *
     * @return empty if admitted, else why not
     */
    synchronized Optional<String> admit(BluetoothAddress device) {
        if (!isOpen()) {
            return Optional.of("no pairing window is open");
        }
        if (admitted == null) {
            admitted = device;
            return Optional.empty();
        }
        return admitted.equals(device) ? Optional.empty() : Optional.of("the open window expects " + admitted);
    }

    /**
     * Closes the window now (idempotent): the agent stops admitting at once, then the closer
     * turns the adapter back (pairable and discoverable off).
     *
     * @throws BluetoothException if the adapter could not be turned back; the window is closed
     *         for the agent all the same
     */
    @Override
    public void close() throws BluetoothException {
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
        }
        closer.close(this);
    }

    @Override
    public synchronized String toString() {
        return "PairableWindow[" + state + ", expects " + expected + (admitted == null ? "" : ", admits " + admitted)
                + ", closes at " + closesAt + "]";
    }
}
