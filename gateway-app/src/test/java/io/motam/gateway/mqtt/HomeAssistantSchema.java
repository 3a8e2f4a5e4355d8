package io.motam.gateway.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys and value rules of Home Assistant's MQTT platforms that our device discovery uses,
 * written down from Home Assistant's documentation (home-assistant.io, 2025.10+):
 * integrations/mqtt ("Device discovery payload", shared options, {@code default_entity_id}
 * replacing the deprecated {@code object_id}, a component holding only {@code platform} removes
 * it), integrations/alarm_control_panel.mqtt, sensor.mqtt (an {@code enum} sensor lists its
 * {@code options} and has no state class or unit), binary_sensor.mqtt, event.mqtt
 * ({@code state_topic} and a non-empty {@code event_types} required), image.mqtt (one of
 * {@code image_topic}/{@code url_topic}), button.mqtt. Keys outside a platform's list are errors
 * (Home Assistant rejects the whole component).
 */
final class HomeAssistantSchema {
    /** Options every MQTT entity platform accepts. */
    static final Set<String> COMMON = Set.of(
            "platform",
            "unique_id",
            "default_entity_id",
            "name",
            "icon",
            "entity_category",
            "entity_picture",
            "enabled_by_default",
            "json_attributes_topic",
            "json_attributes_template",
            "qos",
            "encoding",
            "availability",
            "availability_mode",
            "availability_topic",
            "availability_template",
            "payload_available",
            "payload_not_available",
            "device_class");

    record Platform(Set<String> required, Set<String> optional, Set<String> deviceClasses) {}

    static final Map<String, Platform> PLATFORMS = Map.of(
            "alarm_control_panel",
                    new Platform(
                            Set.of("command_topic", "state_topic"),
                            Set.of(
                                    "code",
                                    "code_arm_required",
                                    "code_disarm_required",
                                    "code_trigger_required",
                                    "command_template",
                                    "value_template",
                                    "supported_features",
                                    "payload_arm_away",
                                    "payload_arm_home",
                                    "payload_arm_night",
                                    "payload_arm_vacation",
                                    "payload_arm_custom_bypass",
                                    "payload_disarm",
                                    "payload_trigger",
                                    "retain"),
                            Set.of()),
            "sensor",
                    new Platform(
                            Set.of("state_topic"),
                            Set.of(
                                    "value_template",
                                    "unit_of_measurement",
                                    "state_class",
                                    "options",
                                    "expire_after",
                                    "force_update",
                                    "suggested_display_precision",
                                    "last_reset_value_template"),
                            Set.of(
                                    "enum",
                                    "timestamp",
                                    "date",
                                    "duration",
                                    "temperature",
                                    "humidity",
                                    "power",
                                    "energy",
                                    "voltage",
                                    "current",
                                    "battery",
                                    "signal_strength",
                                    "data_size",
                                    "data_rate")),
            "binary_sensor",
                    new Platform(
                            Set.of("state_topic"),
                            Set.of(
                                    "value_template",
                                    "payload_on",
                                    "payload_off",
                                    "off_delay",
                                    "expire_after",
                                    "force_update"),
                            Set.of(
                                    "battery",
                                    "connectivity",
                                    "door",
                                    "motion",
                                    "moving",
                                    "occupancy",
                                    "presence",
                                    "problem",
                                    "running",
                                    "safety",
                                    "tamper",
                                    "update",
                                    "opening",
                                    "lock",
                                    "sound",
                                    "vibration")),
            "event",
                    new Platform(
                            Set.of("state_topic", "event_types"),
                            Set.of("value_template"),
                            Set.of("button", "doorbell", "motion")),
            "image",
                    new Platform(
                            Set.of(),
                            Set.of("image_topic", "url_topic", "url_template", "content_type", "image_encoding"),
                            Set.of()),
            "button",
                    new Platform(
                            Set.of("command_topic"),
                            Set.of("command_template", "payload_press", "retain"),
                            Set.of("identify", "restart", "update")));

    static final Set<String> ALARM_FEATURES =
            Set.of("arm_home", "arm_away", "arm_night", "arm_vacation", "arm_custom_bypass", "trigger");
    static final Set<String> STATE_CLASSES = Set.of("measurement", "measurement_angle", "total", "total_increasing");

    private HomeAssistantSchema() {}

    /** Every rule broken by a device discovery payload, as "where: expected X but was Y"; empty when valid. */
    static List<String> violations(JsonNode payload) {
        List<String> v = new ArrayList<>();
        JsonNode device = payload.get("device");
        if (device == null
                || !device.path("identifiers").isArray()
                || device.path("identifiers").isEmpty()) {
            v.add("device: expected identifiers (a non-empty list)");
        }
        if (device != null
                && device.has("configuration_url")
                && !device.get("configuration_url").asText().matches("(https?://|homeassistant://).+")) {
            v.add("device.configuration_url: expected an http(s) or homeassistant:// URL but was "
                    + device.get("configuration_url"));
        }
        if (!payload.path("origin").has("name")) {
            v.add("origin: expected a name");
        }
        JsonNode components = payload.get("components");
        if (components == null || !components.isObject() || components.isEmpty()) {
            v.add("components: expected a non-empty object");
            return v;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = components.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            component(e.getKey(), e.getValue(), v);
        }
        return v;
    }

    private static void component(String id, JsonNode c, List<String> v) {
        String platform = c.path("platform").asText();
        Platform p = PLATFORMS.get(platform);
        if (p == null) {
            v.add(id + ": expected a platform of " + PLATFORMS.keySet() + " but was '" + platform + "'");
            return;
        }
        if (c.size() == 1) {
            return; // only the platform: removes the component
        }
        for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!COMMON.contains(k)
                    && !p.required().contains(k)
                    && !p.optional().contains(k)) {
                v.add(id + ": key " + k + " is not an option of " + platform);
            }
        }
        for (String k : p.required()) {
            if (!c.has(k)) {
                v.add(id + ": expected " + k + " (required by " + platform + ")");
            }
        }
        if (c.has("object_id")) {
            v.add(id + ": object_id is deprecated: expected default_entity_id");
        }
        if (!c.path("unique_id").asText().equals(id)) {
            v.add(id + ": expected unique_id " + id + " but was " + c.path("unique_id"));
        }
        String entityId = c.path("default_entity_id").asText();
        if (!entityId.matches(platform + "\\.[a-z0-9_]+")) {
            v.add(id + ": expected default_entity_id " + platform + ".<lower case, digits, _> but was '" + entityId
                    + "'");
        }
        if (c.has("entity_category")
                && !Set.of("config", "diagnostic")
                        .contains(c.get("entity_category").asText())) {
            v.add(id + ": expected entity_category config or diagnostic but was " + c.get("entity_category"));
        }
        if (c.has("icon") && !c.get("icon").asText().startsWith("mdi:")) {
            v.add(id + ": expected an mdi: icon but was " + c.get("icon"));
        }
        if (c.has("device_class")
                && !p.deviceClasses().contains(c.get("device_class").asText())) {
            v.add(id + ": expected a " + platform + " device_class of " + p.deviceClasses() + " but was "
                    + c.get("device_class"));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().endsWith("_topic")
                    && (!f.getValue().isTextual()
                            || f.getValue().asText().isEmpty()
                            || f.getValue().asText().contains("+")
                            || f.getValue().asText().contains("#"))) {
                v.add(id + "." + f.getKey() + ": expected a topic without wildcards but was " + f.getValue());
            }
        }
        switch (platform) {
            case "alarm_control_panel" -> {
                for (String b : List.of("code_arm_required", "code_disarm_required", "code_trigger_required")) {
                    if (c.has(b) && !c.get(b).isBoolean()) {
                        v.add(id + "." + b + ": expected a boolean but was " + c.get(b));
                    }
                }
                c.path("supported_features").forEach(f -> {
                    if (!ALARM_FEATURES.contains(f.asText())) {
                        v.add(id + ".supported_features: expected one of " + ALARM_FEATURES + " but was " + f);
                    }
                });
            }
            case "sensor" -> {
                boolean isEnum = "enum".equals(c.path("device_class").asText());
                if (isEnum && (!c.path("options").isArray() || c.path("options").isEmpty())) {
                    v.add(id + ": an enum sensor expects a non-empty options list");
                }
                if (!isEnum && c.has("options")) {
                    v.add(id + ": options expect device_class enum");
                }
                if (isEnum && (c.has("state_class") || c.has("unit_of_measurement"))) {
                    v.add(id + ": an enum sensor takes no state_class or unit_of_measurement");
                }
                if (c.has("state_class")
                        && !STATE_CLASSES.contains(c.get("state_class").asText())) {
                    v.add(id + ".state_class: expected one of " + STATE_CLASSES + " but was " + c.get("state_class"));
                }
            }
            case "event" -> {
                if (!c.path("event_types").isArray() || c.path("event_types").isEmpty()) {
                    v.add(id + ".event_types: expected a non-empty list");
                }
                c.path("event_types").forEach(t -> {
                    if (!t.isTextual() || t.asText().isEmpty()) {
                        v.add(id + ".event_types: expected strings but was " + t);
                    }
                });
            }
            case "image" -> {
                if (c.has("image_topic") == c.has("url_topic")) {
                    v.add(id + ": expected exactly one of image_topic and url_topic");
                }
            }
            default -> {}
        }
    }
}
