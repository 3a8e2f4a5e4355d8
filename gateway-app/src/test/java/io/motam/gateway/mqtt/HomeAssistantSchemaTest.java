package io.motam.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The written-down Home Assistant rules catch what Home Assistant would refuse or warn about. */
class HomeAssistantSchemaTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static List<String> check(String component) throws Exception {
        JsonNode p = MAPPER.readTree(
                "{\"device\":{\"identifiers\":[\"d\"]},\"origin\":{\"name\":\"o\"},\"components\":{\"c1\":" + component
                        + "}}");
        return HomeAssistantSchema.violations(p);
    }

    @Test
    void validSensor_hasNoViolations() throws Exception {
        assertEquals(
                List.of(),
                check("{\"platform\":\"sensor\",\"unique_id\":\"c1\",\"default_entity_id\":\"sensor.c1\","
                        + "\"state_topic\":\"a/b\",\"device_class\":\"enum\",\"options\":[\"X\",\"Y\"]}"));
    }

    @Test
    void deprecatedObjectId_unknownKey_missingEventTypes_allReported() throws Exception {
        List<String> v =
                check("{\"platform\":\"event\",\"unique_id\":\"c1\",\"object_id\":\"c1\",\"state_topic\":\"a/#\"}");
        assertTrue(v.stream().anyMatch(s -> s.contains("object_id is deprecated")), v.toString());
        assertTrue(v.stream().anyMatch(s -> s.contains("event_types")), v.toString());
        assertTrue(v.stream().anyMatch(s -> s.contains("default_entity_id")), v.toString());
        assertTrue(v.stream().anyMatch(s -> s.contains("without wildcards")), v.toString());
    }

    @Test
    void enumSensorWithStateClass_andOptionsWithoutEnum_reported() throws Exception {
        assertTrue(check(
                        "{\"platform\":\"sensor\",\"unique_id\":\"c1\",\"default_entity_id\":\"sensor.c1\",\"state_topic\":\"a\","
                                + "\"device_class\":\"enum\",\"options\":[\"X\"],\"state_class\":\"measurement\"}")
                .toString()
                .contains("no state_class"));
        assertTrue(check(
                        "{\"platform\":\"sensor\",\"unique_id\":\"c1\",\"default_entity_id\":\"sensor.c1\",\"state_topic\":\"a\","
                                + "\"options\":[\"X\"]}")
                .toString()
                .contains("options expect device_class enum"));
    }

    @Test
    void removalStub_onlyPlatform_isValid() throws Exception {
        assertEquals(List.of(), check("{\"platform\":\"image\"}"));
    }

    @Test
    void alarmFeatureUnknown_andBadDeviceClass_reported() throws Exception {
        List<String> v = check(
                "{\"platform\":\"alarm_control_panel\",\"unique_id\":\"c1\",\"default_entity_id\":\"alarm_control_panel.c1\","
                        + "\"state_topic\":\"s\",\"command_topic\":\"c\",\"supported_features\":[\"arm_everything\"],\"device_class\":\"x\"}");
        assertTrue(v.toString().contains("supported_features"), v.toString());
        assertTrue(v.toString().contains("device_class"), v.toString());
    }
}
