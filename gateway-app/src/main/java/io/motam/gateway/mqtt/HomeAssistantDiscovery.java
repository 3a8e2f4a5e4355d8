package io.motam.gateway.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Collection;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Home Assistant device-based discovery: one retained message on
 * {@code <discovery prefix>/device/motam_<gw>/config} with {@code device}, {@code origin},
 * shared {@code availability} and {@code qos}, and the {@code components}:
 *
 * <pre>
 *   system             alarm_control_panel  state: STOPPED=disarmed, BLOCKED=triggered, mode ALERT=pending, else armed_away
 *                                           arm -> resume, disarm -> stop (RUNNING) or release with the code (BLOCKED), via cmd/alarm
 *   camera_connected   binary_sensor        connectivity, from state.link
 *   unknown_person     binary_sensor        safety, on while the camera mode is ALERT or BLOCKED
 *   mode, alert_count  sensor               from state
 *   last_recognition   sensor               verdict of events/recognition, the whole event as attributes
 *   last_seen          sensor               timestamp, from state.lastSeen
 *   snapshot_&lt;camera&gt;  image                camera/&lt;camera&gt;/snapshot (JPEG)
 *   pair, stop, resume button               cmd/pair, cmd/stop, cmd/resume with payload {}
 * </pre>
 */
@Singleton
public class HomeAssistantDiscovery {
    /** Alarm panel state from the retained state payload. */
    static final String ALARM_STATE_TEMPLATE = "{% if value_json.system == 'STOPPED' %}disarmed"
            + "{% elif value_json.system == 'BLOCKED' %}triggered"
            + "{% elif value_json.mode == 'ALERT' %}pending"
            + "{% else %}armed_away{% endif %}";
    /** What Home Assistant publishes on cmd/alarm: the action and the code typed in the panel (null when none). */
    static final String ALARM_COMMAND_TEMPLATE = "{\"action\":{{ action | to_json }},\"code\":{{ code | to_json }}}";

    private final ObjectMapper mapper;
    private final Topics topics;
    private final MqttBridgeConfig.Discovery config;
    private final String version;

    @Inject
    public HomeAssistantDiscovery(ObjectMapper mapper, Topics topics, MqttBridgeConfig bridge,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "0.1.0-SNAPSHOT") String version) {
        this.mapper = mapper;
        this.topics = topics;
        this.config = bridge.discovery();
        this.version = version;
        if (!config.codeFormat().equals("text") && !config.codeFormat().equals("number")) {
            throw new IllegalArgumentException("motam.mqtt.discovery.code-format must be text or number but was '"
                    + config.codeFormat() + "'");
        }
    }

    public String topic() {
        return topics.discovery();
    }

    /** The discovery payload for this gateway and the cameras known so far (one image entity each). */
    public byte[] payload(Collection<String> cameras) {
        String dev = topics.deviceId();
        String state = topics.of(Topics.STATE);
        ObjectNode root = mapper.createObjectNode();
        ObjectNode device = root.putObject("device");
        device.putArray("identifiers").add(dev);
        device.put("name", "MOTAM " + topics.gatewayId()).put("manufacturer", "MOTAM").put("model", "MOTAM gateway")
                .put("sw_version", version);
        root.putObject("origin").put("name", "MOTAM gateway").put("sw_version", version);
        root.putArray("availability").addObject().put("topic", topics.of(Topics.AVAILABILITY))
                .put("payload_available", Topics.ONLINE).put("payload_not_available", Topics.OFFLINE);
        root.put("qos", 1);
        ObjectNode c = root.putObject("components");

        ObjectNode alarm = component(c, dev, "system", "alarm_control_panel", "System");
        alarm.put("state_topic", state).put("value_template", ALARM_STATE_TEMPLATE)
                .put("command_topic", topics.of(Topics.CMD + CommandNames.ALARM)).put("command_template", ALARM_COMMAND_TEMPLATE)
                .put("code", config.codeFormat().equals("number") ? "REMOTE_CODE" : "REMOTE_CODE_TEXT")
                .put("code_arm_required", true).put("code_disarm_required", true).put("code_trigger_required", false);
        alarm.putArray("supported_features").add("arm_away");

        component(c, dev, "camera_connected", "binary_sensor", "Camera connected").put("state_topic", state)
                .put("value_template", "{{ 'ON' if value_json.link == 'connected' else 'OFF' }}")
                .put("device_class", "connectivity").put("entity_category", "diagnostic");
        component(c, dev, "unknown_person", "binary_sensor", "Unknown person").put("state_topic", state)
                .put("value_template", "{{ 'ON' if value_json.mode in ['ALERT', 'BLOCKED'] else 'OFF' }}")
                .put("device_class", "safety");
        component(c, dev, "mode", "sensor", "Camera mode").put("state_topic", state)
                .put("value_template", "{{ value_json.mode }}").put("icon", "mdi:cctv");
        component(c, dev, "alert_count", "sensor", "Alert count").put("state_topic", state)
                .put("value_template", "{{ value_json.alertCount }}").put("state_class", "measurement").put("icon", "mdi:alert");
        String recognition = topics.of("events/recognition");
        component(c, dev, "last_recognition", "sensor", "Last recognition").put("state_topic", recognition)
                .put("value_template", "{{ value_json.verdict }}").put("json_attributes_topic", recognition)
                .put("icon", "mdi:face-recognition");
        component(c, dev, "last_seen", "sensor", "Camera last seen").put("state_topic", state)
                .put("value_template", "{{ value_json.lastSeen }}").put("device_class", "timestamp")
                .put("entity_category", "diagnostic");
        for (String cam : cameras) {
            component(c, dev, "snapshot_" + cam.replace('.', '_'), "image", "Snapshot " + cam)
                    .put("image_topic", topics.snapshot(cam)).put("content_type", "image/jpeg");
        }
        button(c, dev, "pair", "Pair a camera", CommandNames.PAIR).put("entity_category", "config").put("icon", "mdi:qrcode");
        button(c, dev, "stop", "Stop", CommandNames.STOP).put("icon", "mdi:stop");
        button(c, dev, "resume", "Resume", CommandNames.RESUME).put("icon", "mdi:play");
        try {
            return mapper.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode component(ObjectNode components, String dev, String key, String platform, String name) {
        String id = dev + "_" + key;
        return components.putObject(id).put("platform", platform).put("unique_id", id).put("name", name);
    }

    private ObjectNode button(ObjectNode components, String dev, String key, String name, String command) {
        return component(components, dev, key, "button", name).put("command_topic", topics.of(Topics.CMD + command))
                .put("payload_press", "{}");
    }
}
