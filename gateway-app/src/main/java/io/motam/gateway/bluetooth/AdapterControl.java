package io.motam.gateway.bluetooth;

import java.time.Duration;

/**
 * What the gateway asks of the radio adapter the cameras reach it through. The BlueZ
 * implementation (issue 7, {@code io.motam.link.bluetooth.BluetoothControl}) maps these onto
 * {@code Adapter1.Pairable/PairableTimeout}, {@code Adapter1.RemoveDevice} and
 * {@code Device1.Blocked}; {@link RecordingAdapterControl} stands in for TCP links.
 * Failures are thrown, never swallowed.
 */
public interface AdapterControl {

    /** Makes the adapter pairable for at most {@code window} (the lifetime of a pairing offer). */
    void openPairingWindow(Duration window) throws AdapterException;

    /** Ends the pairable window early (the offer was used, withdrawn or expired). */
    void closePairingWindow() throws AdapterException;

    /** Removes the device from the adapter's paired list and blocks it, so it cannot silently pair again. */
    void throwOut(String address) throws AdapterException;

    /** Lifts a block (only when the operator opens a new pairing offer). */
    void unblock(String address) throws AdapterException;
}
