package io.motam.gateway.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.motam.domain.CameraMode;
import io.motam.domain.PresenceState;
import io.motam.domain.Verdict;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Collection;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Home Assistant device-based discovery: one retained config for the gateway's device on
 * {@code <discovery prefix>/device/motam_<gw>/config} and one per camera on
 * {@code <discovery prefix>/device/motam_<gw>_<camera>/config} (its {@code via_device} is the
 * gateway), each with {@code device}, {@code origin}, shared {@code availability} and {@code qos}:
 *
 * <pre>
 *   gateway device (motam_&lt;gw&gt;_&lt;key&gt;)
 *   system             alarm_control_panel  all cameras: STOPPED=disarmed, BLOCKED=triggered, any camera in ALERT=pending,
 *                                           else armed_away; arm -> resume, disarm -> stop or release, via cmd/alarm camera "*"
 *   recognition        event                events/recognition: known, unknown, no_face, several_faces
 *   authorisation      event                events/authorisation: granted, denied, refused, revoked
 *   presence           event                events/presence: present, absent, out_of_zone, unreadable
 *   command_result     event                cmd/result: accepted, refused (command, reason, correlation id)
 *   pair, stop, resume button               cmd/pair, cmd/stop, cmd/resume; stop and resume address all cameras
 *   camera_connected, unknown_person, mode, alert_count, last_seen, snapshot_&lt;camera&gt;: removal stubs (moved to the cameras)
 *
 *   camera device (motam_&lt;gw&gt;_&lt;camera&gt;_&lt;key&gt;), from camera/&lt;camera&gt;/state
 *   state              alarm_control_panel  this camera, as above, via camera/&lt;camera&gt;/cmd/alarm
 *   camera_connected   binary_sensor        connectivity
 *   unknown_person     binary_sensor        safety, on while the camera mode is ALERT or BLOCKED
 *   mode               sensor               device_class enum, options = the camera modes
 *   alert_count        sensor
 *   last_seen          sensor               timestamp
 *   snapshot           image                camera/&lt;camera&gt;/snapshot (JPEG)
 *   stop, resume       button               camera/&lt;camera&gt;/cmd/stop, …/resume
 * </pre>
 * A revoked camera's device, and every device when discovery is switched off, is removed with an
 * empty retained config (the bridge sends it). Every component has a {@code default_entity_id}
 * ({@code <platform>.<unique id>}); the gateway's device has a {@code configuration_url} when one is known.
 */
@Singleton
public class HomeAssistantDiscovery {
    /** Alarm panel state from the retained state payload. */
    static final String ALARM_STATE_TEMPLATE = "{% if value_json.system == 'STOPPED' %}disarmed"
            + "{% elif value_json.system == 'BLOCKED' %}triggered"
            + "{% elif value_json.anyAlert %}pending"
            + "{% else %}armed_away{% endif %}";
    /** A camera's alarm panel state from its retained {@code camera/<id>/state}. */
    static final String CAMERA_ALARM_STATE_TEMPLATE = "{% if value_json.state == 'STOPPED' %}disarmed"
            + "{% elif value_json.state == 'BLOCKED' %}triggered"
            + "{% elif value_json.mode == 'ALERT' %}pending"
            + "{% else %}armed_away{% endif %}";
    /** What Home Assistant publishes on cmd/alarm: the action and the code typed in the panel (null when none), to all cameras. */
    static final String ALARM_COMMAND_TEMPLATE =
            "{\"action\":{{ action | to_json }},\"code\":{{ code | to_json }},\"camera\":\"*\"}";
    /** What Home Assistant publishes on a camera's camera/&lt;id&gt;/cmd/alarm (the topic names the camera). */
    static final String CAMERA_ALARM_COMMAND_TEMPLATE =
            "{\"action\":{{ action | to_json }},\"code\":{{ code | to_json }}}";
    /** Components that lived on the gateway's device while it described one camera; removed from it now. */
    static final java.util.Map<String, String> MOVED_TO_CAMERAS = new java.util.TreeMap<>(java.util.Map.of(
            "camera_connected",
            "binary_sensor",
            "unknown_person",
            "binary_sensor",
            "mode",
            "sensor",
            "alert_count",
            "sensor",
            "last_seen",
            "sensor"));

    private final ObjectMapper mapper;
    private final Topics topics;
    private final MqttBridgeConfig.Discovery config;
    private final String version;
    private final java.util.Optional<String> configurationUrl;

    @Inject
    public HomeAssistantDiscovery(
            ObjectMapper mapper,
            Topics topics,
            MqttBridgeConfig bridge,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "0.1.0-SNAPSHOT") String version,
            io.motam.gateway.config.HttpConfig http) {
        this.mapper = mapper;
        this.topics = topics;
        this.config = bridge.discovery();
        this.version = version;
        this.configurationUrl = configurationUrl(config.configurationUrl(), http.host(), http.port());
        if (!config.codeFormat().equals("text") && !config.codeFormat().equals("number")) {
            throw new IllegalArgumentException(
                    "motam.mqtt.discovery.code-format must be text or number but was '" + config.codeFormat() + "'");
        }
    }

    public String topic() {
        return topics.discovery();
    }

    public String topic(String cameraId) {
        return topics.cameraDiscovery(cameraId);
    }

    /**
     * The status page's address for the device's {@code configuration_url}: the configured one, or
     * {@code http://<motam.http.host>:<port>/} when the page listens on a named, non-loopback host
     * (a loopback or wildcard address would point Home Assistant at itself).
     */
    static java.util.Optional<String> configurationUrl(java.util.Optional<String> configured, String host, int port) {
        if (configured.isPresent()) {
            String url = configured.get().trim();
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw new IllegalArgumentException(
                        "motam.mqtt.discovery.configuration-url must start with http:// or https:// but was '" + url
                                + "'");
            }
            return java.util.Optional.of(url);
        }
        boolean local = host.equals("0.0.0.0")
                || host.equals("::")
                || host.equals("localhost")
                || host.startsWith("127.")
                || host.equals("::1");
        return local
                ? java.util.Optional.empty()
                : java.util.Optional.of("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/");
    }

    /**
     * The gateway device's discovery payload. {@code cameras} are every camera that ever had
     * components on it (known and revoked ones): their old snapshot components get removal stubs
     * (a component holding only its {@code platform}, which is how device-based discovery removes
     * one component), as do the camera sensors that moved to the camera devices.
     */
    public byte[] payload(Collection<String> cameras) {
        String dev = topics.deviceId();
        String state = topics.of(Topics.STATE);
        ObjectNode root = root(dev, "MOTAM " + topics.gatewayId(), "MOTAM gateway", null);
        ObjectNode c = root.putObject("components");

        ObjectNode alarm = component(c, dev, "system", "alarm_control_panel", "System");
        alarm.put("state_topic", state)
                .put("value_template", ALARM_STATE_TEMPLATE)
                .put("command_topic", topics.of(Topics.CMD + CommandNames.ALARM))
                .put("command_template", ALARM_COMMAND_TEMPLATE)
                .put("code", config.codeFormat().equals("number") ? "REMOTE_CODE" : "REMOTE_CODE_TEXT")
                .put("code_arm_required", true)
                .put("code_disarm_required", true)
                .put("code_trigger_required", false);
        alarm.putArray("supported_features").add("arm_away");

        event(
                        c,
                        dev,
                        "recognition",
                        "Recognition",
                        "events/recognition",
                        "value_json.verdict",
                        Verdict.values(),
                        "'camera': value_json.camera, 'distance': value_json.distance, 'threshold': value_json.threshold, 'faces': value_json.faces")
                .put("icon", "mdi:face-recognition");
        event(
                        c,
                        dev,
                        "authorisation",
                        "Authorisation",
                        "events/authorisation",
                        "value_json.decision",
                        new String[] {"GRANTED", "DENIED", "REFUSED", "REVOKED"},
                        "'camera': value_json.camera, 'reason': value_json.reason")
                .put("icon", "mdi:shield-key");
        event(
                        c,
                        dev,
                        "presence",
                        "Presence",
                        "events/presence",
                        "value_json.state",
                        PresenceState.values(),
                        "'camera': value_json.camera, 'track': value_json.track, 'faces': value_json.faces")
                .put("icon", "mdi:account-eye");
        ObjectNode result = component(c, dev, "command_result", "event", "Command result")
                .put("state_topic", topics.of(Topics.CMD_RESULT))
                .put(
                        "value_template",
                        "{{ {'event_type': 'accepted' if value_json.accepted else 'refused', 'command': value_json.command, "
                                + "'reason': value_json.reason, 'correlation_id': value_json.correlationId} | to_json }}")
                .put("icon", "mdi:console");
        result.putArray("event_types").add("accepted").add("refused");

        MOVED_TO_CAMERAS.forEach((key, platform) -> c.putObject(dev + "_" + key).put("platform", platform));
        for (String cam : cameras) {
            c.putObject(dev + "_" + snapshotKey(cam)).put("platform", "image");
        }
        button(c, dev, "pair", "Pair a camera", topics.of(Topics.CMD + CommandNames.PAIR), "{}")
                .put("entity_category", "config")
                .put("icon", "mdi:qrcode");
        button(c, dev, "stop", "Stop all", topics.of(Topics.CMD + CommandNames.STOP), ALL_CAMERAS)
                .put("icon", "mdi:stop");
        button(c, dev, "resume", "Resume all", topics.of(Topics.CMD + CommandNames.RESUME), ALL_CAMERAS)
                .put("icon", "mdi:play");
        return bytes(root);
    }

    /** One camera's device: its panel, sensors, snapshot and buttons, from its own state topic. */
    public byte[] cameraPayload(String cameraId) {
        String dev = topics.cameraDeviceId(cameraId);
        String state = topics.cameraState(cameraId);
        ObjectNode root = root(dev, "MOTAM camera " + cameraId, "MOTAM camera", topics.deviceId());
        ObjectNode c = root.putObject("components");
        ObjectNode alarm = component(c, dev, "state", "alarm_control_panel", "Camera");
        alarm.put("state_topic", state)
                .put("value_template", CAMERA_ALARM_STATE_TEMPLATE)
                .put("command_topic", topics.cameraCommand(cameraId, CommandNames.ALARM))
                .put("command_template", CAMERA_ALARM_COMMAND_TEMPLATE)
                .put("code", config.codeFormat().equals("number") ? "REMOTE_CODE" : "REMOTE_CODE_TEXT")
                .put("code_arm_required", true)
                .put("code_disarm_required", true)
                .put("code_trigger_required", false);
        alarm.putArray("supported_features").add("arm_away");
        component(c, dev, "camera_connected", "binary_sensor", "Connected")
                .put("state_topic", state)
                .put("value_template", "{{ 'ON' if value_json.link == 'connected' else 'OFF' }}")
                .put("device_class", "connectivity")
                .put("entity_category", "diagnostic");
        component(c, dev, "unknown_person", "binary_sensor", "Unknown person")
                .put("state_topic", state)
                .put("value_template", "{{ 'ON' if value_json.mode in ['ALERT', 'BLOCKED'] else 'OFF' }}")
                .put("device_class", "safety");
        ObjectNode mode = component(c, dev, "mode", "sensor", "Mode")
                .put("state_topic", state)
                .put("value_template", "{{ value_json.mode }}")
                .put("device_class", "enum")
                .put("icon", "mdi:cctv");
        var options = mode.putArray("options");
        for (CameraMode m : CameraMode.values()) {
            options.add(m.name());
        }
        component(c, dev, "alert_count", "sensor", "Alert count")
                .put("state_topic", state)
                .put("value_template", "{{ value_json.alertCount }}")
                .put("state_class", "measurement")
                .put("icon", "mdi:alert");
        component(c, dev, "last_seen", "sensor", "Last seen")
                .put("state_topic", state)
                .put("value_template", "{{ value_json.lastSeen }}")
                .put("device_class", "timestamp")
                .put("entity_category", "diagnostic");
        component(c, dev, "snapshot", "image", "Snapshot")
                .put("image_topic", topics.snapshot(cameraId))
                .put("content_type", "image/jpeg");
        button(c, dev, "stop", "Stop", topics.cameraCommand(cameraId, CommandNames.STOP), "{}")
                .put("icon", "mdi:stop");
        button(c, dev, "resume", "Resume", topics.cameraCommand(cameraId, CommandNames.RESUME), "{}")
                .put("icon", "mdi:play");
        return bytes(root);
    }

    /** The press payload of the gateway's stop and resume buttons. */
    static final String ALL_CAMERAS = "{\"camera\":\"*\"}";

    private ObjectNode root(String dev, String name, String model, String viaDevice) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode device = root.putObject("device");
        device.putArray("identifiers").add(dev);
        device.put("name", name)
                .put("manufacturer", "MOTAM")
                .put("model", model)
                .put("sw_version", version);
        if (viaDevice == null) {
            configurationUrl.ifPresent(u -> device.put("configuration_url", u));
        } else {
            device.put("via_device", viaDevice);
        }
        root.putObject("origin").put("name", "MOTAM gateway").put("sw_version", version);
        root.putArray("availability")
                .addObject()
                .put("topic", topics.of(Topics.AVAILABILITY))
                .put("payload_available", Topics.ONLINE)
                .put("payload_not_available", Topics.OFFLINE);
        root.put("qos", 1);
        return root;
    }

    private byte[] bytes(ObjectNode root) {
        try {
            return mapper.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String snapshotKey(String cameraId) {
        return "snapshot_" + cameraId.replace('.', '_');
    }

    /**
     * An MQTT event entity on {@code topic}: the template turns our payload into Home Assistant's
     * event JSON ({@code event_type} from {@code typeExpr}, lower case, plus a few attributes).
     */
    private ObjectNode event(
            ObjectNode components,
            String dev,
            String key,
            String name,
            String topic,
            String typeExpr,
            Object[] types,
            String attributes) {
        ObjectNode e = component(components, dev, key, "event", name)
                .put("state_topic", topics.of(topic))
                .put("value_template", "{{ {'event_type': " + typeExpr + " | lower, " + attributes + "} | to_json }}");
        var list = e.putArray("event_types");
        for (Object t : types) {
            list.add(t.toString().toLowerCase(java.util.Locale.ROOT));
        }
        return e;
    }

    private static ObjectNode component(ObjectNode components, String dev, String key, String platform, String name) {
        String id = dev + "_" + key;
        return components
                .putObject(id)
                .put("platform", platform)
                .put("unique_id", id)
                .put("default_entity_id", platform + "." + slug(id))
                .put("name", name);
    }

    /** Home Assistant's object id rules: lower case letters, digits and underscores. */
    static String slug(String s) {
        return s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    private ObjectNode button(
            ObjectNode components, String dev, String key, String name, String commandTopic, String press) {
        return component(components, dev, key, "button", name)
                .put("command_topic", commandTopic)
                .put("payload_press", press);
    }
}
