package io.motam.gateway.mqtt;

/** Reactive Messaging channel names (configured under {@code mp.messaging.*} in application.properties). */
public final class Channels {
    /** Everything the gateway publishes; the topic travels in each message's metadata. */
    public static final String MQTT_OUT = "mqtt-out";
    /** Operator commands from {@code <prefix>/<gateway-id>/cmd/+}. */
    public static final String COMMANDS = "commands";
    /** Name of the client options bean both channels share (last will, client id). */
    public static final String CLIENT_OPTIONS = "motam-mqtt";

    private Channels() {
    }
}
