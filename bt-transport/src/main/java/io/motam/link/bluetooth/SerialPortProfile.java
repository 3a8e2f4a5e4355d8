package io.motam.link.bluetooth;

/**
 * The Bluetooth Serial Port Profile as MOTAM uses it: an RFCOMM channel found through SDP under
 * the SPP service class UUID, carrying the link's byte stream.
 */
public final class SerialPortProfile {

    /** SPP service class UUID (Bluetooth Assigned Numbers, 0x1101 on the base UUID). */
    public static final String UUID = "00001101-0000-1000-8000-00805f9b34fb";

    /** RFCOMM channel the gateway listens on unless configured otherwise. */
    public static final int DEFAULT_CHANNEL = 1;

    /** RFCOMM channels are 1..30 (RFCOMM spec, server channel field of 5 bits, 0 and 31 reserved). */
    public static final int MIN_CHANNEL = 1;

    public static final int MAX_CHANNEL = 30;

    private SerialPortProfile() {}

    /** Checks a configured channel. */
    public static int requireChannel(int channel) {
        if (channel < MIN_CHANNEL || channel > MAX_CHANNEL) {
            throw new IllegalArgumentException(
                    "expected an RFCOMM channel " + MIN_CHANNEL + ".." + MAX_CHANNEL + " but was " + channel);
        }
        return channel;
    }
}
