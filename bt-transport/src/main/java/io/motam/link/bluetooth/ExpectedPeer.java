package io.motam.link.bluetooth;

import java.util.Objects;

/**
 * Which device a pairing window lets in.
 *
 * <p>The camera knows the gateway's address from the pairing offer, so it expects
 * {@link #exactly} that device. The gateway does not know the camera's address before it asks,
 * so its window admits the {@link #firstToAsk} device and, from then on, only that one: a second
 * device asking during the same window is rejected. (A stranger that asks first takes the window;
 * the operator then withdraws the offer and opens a new one. Pairing at the Bluetooth level only
 * opens the radio link: the camera is admitted by its pairing proof over TLS.)
 */
public sealed interface ExpectedPeer {

    /** Admit this device only. */
    static ExpectedPeer exactly(BluetoothAddress device) {
        return new Exactly(device);
    }

    /** Admit the first device that asks, and then only it. */
    static ExpectedPeer firstToAsk() {
        return FirstToAsk.INSTANCE;
    }

    /** @param device the only device admitted */
    record Exactly(BluetoothAddress device) implements ExpectedPeer {
        public Exactly {
            Objects.requireNonNull(device, "device");
        }

        @Override
        public String toString() {
            return device.toString();
        }
    }

    /** The first device that asks during the window. */
    enum FirstToAsk implements ExpectedPeer {
        INSTANCE;

        @Override
        public String toString() {
            return "first to ask";
        }
    }
}
