package io.motam.gateway.mqtt;

/**
 * Reactive Messaging channel names (configured under {@code mp.messaging.*} in
 * application.properties). All are incoming and share one subscribing client; publishing goes
 * through {@link AckedPublisher}, which waits for each PUBACK.
 */
public final class Channels {
    /** Operator commands from {@code <prefix>/<gateway-id>/cmd/+}. */
    public static final String COMMANDS = "commands";
    /** Operator commands addressed by topic, from {@code <prefix>/<gateway-id>/camera/+/cmd/+}. */
    public static final String CAMERA_COMMANDS = "camera-commands";
    /** Home Assistant's birth and last will on {@code <discovery prefix>/status}. */
    public static final String HA_STATUS = "ha-status";
    /** Name of the client options bean of the subscribing channels. */
    public static final String CLIENT_OPTIONS = "motam-mqtt";

    private Channels() {}
}
