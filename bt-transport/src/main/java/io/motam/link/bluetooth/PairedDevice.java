package io.motam.link.bluetooth;

import java.util.Objects;

/**
 * A device the adapter is bonded with, as BlueZ reports it.
 *
 * @param address its address
 * @param name its alias (the remote name unless renamed), may be empty
 * @param trusted whether BlueZ lets it connect without asking the agent
 * @param blocked whether BlueZ refuses its connections
 * @param connected whether a baseband connection is up now
 */
public record PairedDevice(BluetoothAddress address, String name, boolean trusted, boolean blocked, boolean connected) {
    public PairedDevice {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(name, "name");
    }
}
