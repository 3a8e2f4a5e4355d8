package io.motam.link.bluetooth;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The local Bluetooth adapter as MOTAM drives it: power, pairing windows with an agent that
 * admits only the expected device, pairing, trust, throw-out.
 *
 * <p>Implementations: {@code BluezBluetoothControl} (BlueZ over D-Bus, on the Pis) and
 * {@code RecordingBluetoothControl} (in memory, in the test jar: tests of the pairing rules).
 *
 * <p>Every method either does what it says, checked by reading BlueZ's state back where BlueZ
 * could silently differ, or throws a {@link BluetoothException} naming the operation, the device
 * and the reason. Nothing is swallowed.
 */
public interface BluetoothControl extends AutoCloseable {

    /**
     * Powers the adapter on (nothing happens if it is on) and returns its address.
     *
     * @throws BluetoothException e.g. {@code NOT_READY} (rfkill-blocked), {@code DOES_NOT_EXIST}
     *         (no such adapter), {@code ACCESS_DENIED} (D-Bus policy missing)
     */
    BluetoothAddress powerOn() throws BluetoothException;

    /**
     * Makes the adapter pairable and discoverable for {@code ttl} (the pairing offer's
     * lifetime), with the agent admitting only {@code expected}; when {@code ttl} has passed, or
     * the returned window is closed, the adapter is made neither pairable nor discoverable
     * again. Opening a window closes any window still open.
     */
    PairableWindow openPairingWindow(Duration ttl, ExpectedPeer expected) throws BluetoothException;

    /**
     * Pairs with {@code device} (the camera pairing with its gateway): finds it by a discovery
     * if the adapter does not know it yet, then pairs, with the agent admitting only this
     * device meanwhile. Returns once BlueZ reports the device paired; returns at once if it
     * already is.
     *
     * @param timeout the whole operation's deadline, discovery included
     * @throws BluetoothException {@code TIMEOUT} if the device was not found or pairing did not
     *         finish in time, {@code AUTH_REJECTED}/{@code AUTH_FAILED} from the pairing itself
     *         or if the device was thrown out and not unblocked
     */
    void pair(BluetoothAddress device, Duration timeout) throws BluetoothException;

    /** Lets {@code device} connect without asking the agent (done once MOTAM pairing succeeded). */
    void trust(BluetoothAddress device) throws BluetoothException;

    /**
     * Throws {@code device} out: disconnects it, removes it (forgetting its keys) and blocks it,
     * so that it can neither connect nor pair again until {@link #unblock}. Idempotent.
     */
    void throwOut(BluetoothAddress device) throws BluetoothException;

    /** Lifts a throw-out (before a new pairing offer); nothing happens for a device not blocked. */
    void unblock(BluetoothAddress device) throws BluetoothException;

    /** Devices thrown out and not unblocked since (for the application to persist and restore). */
    Set<BluetoothAddress> thrownOut();

    /** The devices the adapter is bonded with, in address order. */
    List<PairedDevice> pairedDevices() throws BluetoothException;

    /** Closes any open window, unregisters the agent, releases resources. Idempotent. */
    @Override
    void close();
}
