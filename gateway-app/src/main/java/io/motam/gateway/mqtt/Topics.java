package io.motam.gateway.mqtt;

import io.motam.gateway.config.GatewayConfig;
import io.motam.gateway.config.MqttConfig;
import io.motam.protocol.message.Identifiers;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * This gateway's topics: {@code <prefix>/<gateway-id>/<suffix>} (docs/mqtt.md), and Home
 * Assistant's discovery topics below {@code <discovery prefix>/}.
 */
@Singleton
public class Topics {
    public static final String AVAILABILITY = "availability";
    public static final String STATE = "state";
    public static final String DIAGNOSTICS = "diagnostics";
    public static final String CMD = "cmd/";
    public static final String CMD_RESULT = CMD + "result";
    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";

    private final String prefix;
    private final String gatewayId;
    private final String discoveryPrefix;

    @Inject
    public Topics(MqttConfig mqtt, GatewayConfig gateway, MqttBridgeConfig bridge) {
        this(mqtt.topicPrefix(), gateway.id(), bridge.discovery().prefix());
    }

    public Topics(String prefix, String gatewayId, String discoveryPrefix) {
        this.prefix = requireLevel(prefix, "motam.mqtt.topic-prefix");
        this.gatewayId = Identifiers.requireId(gatewayId, "motam.gateway.id");
        this.discoveryPrefix = requireLevel(discoveryPrefix, "motam.mqtt.discovery.prefix");
    }

    private static String requireLevel(String s, String what) {
        if (s == null || s.isEmpty() || s.contains("/") || s.contains("+") || s.contains("#")) {
            throw new IllegalArgumentException(what + " must be one topic level without wildcards but was '" + s + "'");
        }
        return s;
    }

    public String gatewayId() {
        return gatewayId;
    }

    public String base() {
        return prefix + "/" + gatewayId + "/";
    }

    public String of(String suffix) {
        return base() + suffix;
    }

    public String snapshot(String cameraId) {
        return of("camera/" + Identifiers.requireId(cameraId, "camera id") + "/snapshot");
    }

    /** A camera's retained state: {@code camera/<id>/state}. */
    public String cameraState(String cameraId) {
        return of("camera/" + Identifiers.requireId(cameraId, "camera id") + "/state");
    }

    /** A command addressed to one camera by its topic: {@code camera/<id>/cmd/<name>}. */
    public String cameraCommand(String cameraId, String name) {
        return of("camera/" + Identifiers.requireId(cameraId, "camera id") + "/" + CMD + name);
    }

    /** Home Assistant object id of this gateway's device: {@code motam_<gateway id>} with dots as underscores. */
    public String deviceId() {
        return "motam_" + gatewayId.replace('.', '_');
    }

    public String discovery() {
        return discoveryPrefix + "/device/" + deviceId() + "/config";
    }

    /** Home Assistant object id of a camera's device: {@code motam_<gateway id>_<camera id>}, dots as underscores. */
    public String cameraDeviceId(String cameraId) {
        return deviceId() + "_" + Identifiers.requireId(cameraId, "camera id").replace('.', '_');
    }

    /**
     * A camera device's discovery topic: {@code <discovery prefix>/device/motam_<gw>/<camera>/config}
     * (Home Assistant's node id level is the gateway's device, so one broker ACL line covers every camera).
     */
    public String cameraDiscovery(String cameraId) {
        return discoveryPrefix + "/device/" + deviceId() + "/"
                + Identifiers.requireId(cameraId, "camera id").replace('.', '_') + "/config";
    }

    public String homeAssistantStatus() {
        return discoveryPrefix + "/status";
    }
}
