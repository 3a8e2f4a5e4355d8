package io.motam.gateway.mqtt;

import static io.motam.gateway.mqtt.MosquittoResource.BASE;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.motam.domain.CameraMode;
import io.motam.domain.CommandKind;
import io.motam.domain.SystemState;
import io.motam.gateway.journal.EventJournal;
import io.motam.gateway.journal.EventJson;
import io.motam.gateway.state.SystemStateController;
import io.motam.gateway.testing.GatewayTestResource;
import io.motam.gateway.testing.Http;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge against a real mosquitto (TLS with a client certificate and a password for the
 * gateway, an ACL), observed by an independent Paho client on the plain listener.
 */
@QuarkusTest
@TestProfile(MqttTestProfile.class)
class MqttBridgeTest {
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final AtomicInteger PROBES = new AtomicInteger();

    @Inject
    EventJournal journal;

    @Inject
    SystemStateController state;

    @Inject
    SnapshotPublisher snapshots;

    @Inject
    MqttBridge bridge;

    @Inject
    ObjectMapper mapper;

    @Inject
    CommandListener commands;

    @Inject
    io.motam.gateway.audit.AuditLog audit;

    @Inject
    HomeAssistantStatusListener haStatus;

    private final List<MqttProbe> probes = new ArrayList<>();

    @BeforeEach
    void runningSystem() {
        if (state.status().system() == SystemState.STOPPED) {
            state.command(
                    CommandKind.RESUME,
                    io.motam.gateway.state.CameraTarget.ALL,
                    GatewayTestResource.RELEASE_CODE.toCharArray(),
                    "local");
        } else if (state.status().system() == SystemState.BLOCKED) {
            state.command(
                    CommandKind.RELEASE,
                    io.motam.gateway.state.CameraTarget.ALL,
                    GatewayTestResource.RELEASE_CODE.toCharArray(),
                    "local");
        }
        await().atMost(PATIENCE).until(bridge::connected);
    }

    @AfterEach
    void closeProbes() throws Exception {
        for (MqttProbe p : probes) {
            p.close();
        }
    }

    private MqttProbe probe(String filter) throws Exception {
        MqttProbe p = new MqttProbe(
                MosquittoResource.broker().port(),
                MosquittoResource.OBSERVER,
                MosquittoResource.OBSERVER_PASSWORD,
                "probe-" + PROBES.incrementAndGet(),
                false,
                filter);
        probes.add(p);
        return p;
    }

    private JsonNode json(String text) throws Exception {
        return mapper.readTree(text);
    }

    // --- availability and state -----------------------------------------------------------------

    @Test
    void availability_afterConnect_isRetainedOnline() throws Exception {
        MqttProbe p = probe(BASE + "availability");
        await().atMost(PATIENCE).until(() -> p.last(BASE + "availability").isPresent());
        assertTrue(p.last(BASE + "availability").get().retained());
        assertEquals(java.util.Optional.of("online"), p.lastText(BASE + "availability"));
    }

    @Test
    void state_onEveryChange_isRetainedJsonWithEveryField() throws Exception {
        MqttProbe p = probe(BASE + "state");
        state.cameraLink("cam1", true);
        state.cameraMode("cam1", CameraMode.ALERT, 3);
        await().atMost(PATIENCE).until(() -> p.any(BASE + "state", s -> s.contains("\"alertCount\":3")));
        JsonNode s = json(p.first(BASE + "state", t -> t.contains("\"alertCount\":3"))
                .get()
                .text());
        assertEquals(EventJson.SCHEMA, s.get("schema").asInt());
        assertEquals("RUNNING", s.get("system").asText());
        assertEquals("RUNNING", s.at("/cameras/cam1/state").asText());
        assertEquals("connected", s.at("/cameras/cam1/link").asText());
        assertEquals("ALERT", s.at("/cameras/cam1/mode").asText());
        assertEquals(3, s.at("/cameras/cam1/alertCount").asInt());
        assertNotNull(Instant.parse(s.at("/cameras/cam1/lastSeen").asText()));
        if (s.get("cameras").size() == 1) {
            assertEquals("cam1", s.get("camera").asText(), "the one-camera summary while one camera is known");
        } else {
            assertFalse(s.has("camera"), "no one-camera summary with several cameras");
        }
        assertNotNull(Instant.parse(s.get("ts").asText()));

        MqttProbe late = probe(BASE + "state");
        await().atMost(PATIENCE).until(() -> late.last(BASE + "state").isPresent());
        assertTrue(late.last(BASE + "state").get().retained());
        state.cameraMode("cam1", CameraMode.NORMAL, 0);
    }

    // --- events -----------------------------------------------------------------------------

    @Test
    void events_everyEventTopic_publishedAsJournaledWithIdCameraTsSchema() throws Exception {
        MqttProbe p = probe(BASE + "events/#");
        List<String> topics = List.of(
                EventJson.TOPIC_RECOGNITION,
                EventJson.TOPIC_MODE,
                EventJson.TOPIC_AUTHORISATION,
                "events/backup",
                EventJson.TOPIC_PRESENCE);
        List<ObjectNode> sent = new ArrayList<>();
        for (String t : topics) {
            ObjectNode n =
                    EventJson.header(mapper, EventJson.newId(), "cam1", Instant.parse("2026-11-25T10:15:30.123Z"));
            n.put("example", t);
            journal.append(t, "cam1", 0, n);
            sent.add(n);
        }
        for (int i = 0; i < topics.size(); i++) {
            String id = sent.get(i).get("id").asText();
            String topic = BASE + topics.get(i);
            await().atMost(PATIENCE).until(() -> p.any(topic, s -> s.contains(id)));
            MqttProbe.Received r = p.first(topic, s -> s.contains(id)).get();
            assertFalse(r.retained());
            JsonNode got = json(r.text());
            assertEquals(sent.get(i), got);
            assertEquals("cam1", got.get("camera").asText());
            assertEquals(EventJson.SCHEMA, got.get("schema").asInt());
            assertTrue(got.get("ts").asText().endsWith("Z"), got.get("ts").asText());
        }
    }

    @Test
    void snapshot_publishSnapshot_isRetainedJpegOnCameraTopic() throws Exception {
        BufferedImage img = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        img.setRGB(3, 4, 0xff0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        byte[] jpeg = out.toByteArray();
        snapshots.publishSnapshot("cam1", jpeg);
        MqttProbe p = probe(BASE + "camera/+/snapshot");
        await().atMost(PATIENCE)
                .until(() -> p.last(BASE + "camera/cam1/snapshot")
                        .map(r -> java.util.Arrays.equals(r.bytes(), jpeg))
                        .orElse(false));
        await().atMost(PATIENCE).until(() -> snapshots.store().pending().isEmpty());
        MqttProbe late = probe(BASE + "camera/cam1/snapshot");
        await().atMost(PATIENCE)
                .until(() -> late.last(BASE + "camera/cam1/snapshot").isPresent());
        assertTrue(late.last(BASE + "camera/cam1/snapshot").get().retained());
        assertArrayEquals(jpeg, late.last(BASE + "camera/cam1/snapshot").get().bytes());
    }

    // --- commands ---------------------------------------------------------------------------

    private JsonNode command(MqttProbe p, String name, String payload, String correlationId) throws Exception {
        p.publish(BASE + "cmd/" + name, payload);
        await().atMost(PATIENCE)
                .until(() ->
                        p.any(BASE + "cmd/result", s -> s.contains("\"correlationId\":\"" + correlationId + "\"")));
        return json(p.first(BASE + "cmd/result", s -> s.contains("\"correlationId\":\"" + correlationId + "\""))
                .get()
                .text());
    }

    @Test
    void stopAndResume_inTheRightState_acceptedAppliedAndAnswered() throws Exception {
        MqttProbe p = probe(BASE + "#");
        JsonNode stop = command(p, "stop", "{\"id\":\"stop-1\"}", "stop-1");
        assertTrue(stop.get("accepted").asBoolean());
        assertEquals("stop", stop.get("command").asText());
        assertEquals("ok", stop.get("reason").asText());
        assertEquals(EventJson.SCHEMA, stop.get("schema").asInt());
        assertEquals(SystemState.STOPPED, state.status().system());
        await().atMost(PATIENCE)
                .until(() -> p.lastText(BASE + "state").orElse("").contains("\"system\":\"STOPPED\""));

        JsonNode again = command(p, "stop", "{\"id\":\"stop-2\"}", "stop-2");
        assertFalse(again.get("accepted").asBoolean());
        assertEquals("expected RUNNING but was STOPPED", again.get("reason").asText());

        JsonNode resume = command(p, "resume", "{\"id\":\"resume-1\"}", "resume-1");
        assertTrue(resume.get("accepted").asBoolean());
        assertEquals(SystemState.RUNNING, state.status().system());
    }

    @Test
    void command_withoutPayload_getsAGeneratedCorrelationId() throws Exception {
        MqttProbe p = probe(BASE + "cmd/result");
        p.publish(BASE + "cmd/resume", "");
        await().atMost(PATIENCE).until(() -> p.any(BASE + "cmd/result", s -> s.contains("\"command\":\"resume\"")));
        JsonNode r = json(p.first(BASE + "cmd/result", s -> s.contains("\"command\":\"resume\""))
                .get()
                .text());
        assertEquals(36, r.get("correlationId").asText().length());
        assertFalse(r.get("accepted").asBoolean());
    }

    @Test
    void badCommands_refusedWithAReason_changeNothing() throws Exception {
        MqttProbe p = probe(BASE + "cmd/result");
        assertEquals(
                "unknown command 'explode'",
                command(p, "explode", "{\"id\":\"u-1\"}", "u-1").get("reason").asText());
        p.publish(BASE + "cmd/stop", "not json");
        await().atMost(PATIENCE).until(() -> p.any(BASE + "cmd/result", s -> s.contains("payload is not JSON")));
        p.publish(BASE + "cmd/stop", "[1,2]");
        await().atMost(PATIENCE)
                .until(() -> p.any(BASE + "cmd/result", s -> s.contains("payload must be a JSON object")));
        p.publish(BASE + "cmd/stop", "{\"id\":\"bad id with spaces\"}");
        await().atMost(PATIENCE)
                .until(() -> p.any(BASE + "cmd/result", s -> s.contains("id must be a string matching")));
        p.publish(BASE + "cmd/stop", "{\"id\":\"big\",\"pad\":\"" + "x".repeat(5000) + "\"}");
        await().atMost(PATIENCE).until(() -> p.any(BASE + "cmd/result", s -> s.contains("is over 4096")));
        assertEquals(
                "expected BLOCKED but was RUNNING",
                command(p, "release", "{\"id\":\"rel-x\",\"code\":\"000000\"}", "rel-x")
                        .get("reason")
                        .asText());
        assertTrue(
                command(p, "pair", "{\"id\":\"pair-1\"}", "pair-1")
                        .get("accepted")
                        .asBoolean(),
                "pair opens an offer");
        JsonNode unknownCamera = command(p, "revoke", "{\"id\":\"rev-1\",\"camera\":\"cam9\"}", "rev-1");
        assertFalse(unknownCamera.get("accepted").asBoolean(), "revoking an unknown camera is refused");
        assertEquals(
                "revoke needs \"camera\"",
                command(p, "revoke", "{\"id\":\"rev-2\"}", "rev-2")
                        .get("reason")
                        .asText());
        String badCamera = command(p, "revoke", "{\"id\":\"rev-3\",\"camera\":\"../x\"}", "rev-3")
                .get("reason")
                .asText();
        assertTrue(badCamera.startsWith("camera must be \"*\" or a string matching"), badCamera);
        assertEquals(
                "unsupported alarm action 'ARM_NIGHT'",
                command(p, "alarm", "{\"id\":\"al-1\",\"action\":\"ARM_NIGHT\"}", "al-1")
                        .get("reason")
                        .asText());
        assertTrue(p.all().stream()
                .filter(r -> !r.text().contains("\"pair-1\""))
                .allMatch(r -> r.text().contains("\"accepted\":false")));
        assertEquals(SystemState.RUNNING, state.status().system());
    }

    @Test
    void retainedCommand_deliveredAtSubscribe_isRefusedNotExecuted() throws Exception {
        // a retained command reaches the gateway flagged retained only when it (re)subscribes
        MqttProbe p = probe(BASE + "cmd/result");
        var outcome =
                commands.handle("stop", "{\"id\":\"ret-1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
        assertFalse(outcome.accepted());
        assertEquals("retained commands are not executed; clear the retained message", outcome.reason());
        await().atMost(PATIENCE).until(() -> p.any(BASE + "cmd/result", s -> s.contains("\"ret-1\"")));
        assertEquals(SystemState.RUNNING, state.status().system());
    }

    @Test
    void release_whenBlocked_acceptedAndRunningAgain() throws Exception {
        MqttProbe p = probe(BASE + "#");
        state.cameraMode("cam1", CameraMode.BLOCKED, 12);
        assertEquals(SystemState.BLOCKED, state.status().system());
        await().atMost(PATIENCE)
                .until(() -> p.lastText(BASE + "state").orElse("").contains("\"system\":\"BLOCKED\""));
        JsonNode r = command(p, "release", "{\"id\":\"rel-1\",\"code\":\"493817\"}", "rel-1");
        assertTrue(r.get("accepted").asBoolean());
        assertFalse(r.toString().contains("493817"));
        assertEquals(SystemState.RUNNING, state.status().system());
        assertEquals(
                CameraMode.NORMAL, state.status().camera("cam1").orElseThrow().mode());
    }

    @Test
    void alarmPanel_armDisarmAndDisarmWhileBlocked_mapToResumeStopRelease() throws Exception {
        MqttProbe p = probe(BASE + "cmd/result");
        JsonNode disarm = command(p, "alarm", "{\"id\":\"al-d\",\"action\":\"DISARM\",\"code\":null}", "al-d");
        assertTrue(disarm.get("accepted").asBoolean());
        assertEquals("stop", disarm.get("applied").asText());
        assertEquals(SystemState.STOPPED, state.status().system());
        JsonNode arm = command(p, "alarm", "{\"id\":\"al-a\",\"action\":\"ARM_AWAY\",\"code\":null}", "al-a");
        assertEquals("resume", arm.get("applied").asText());
        assertEquals(SystemState.RUNNING, state.status().system());
        state.cameraMode("cam1", CameraMode.BLOCKED, 12);
        JsonNode release = command(p, "alarm", "{\"id\":\"al-r\",\"action\":\"DISARM\",\"code\":\"493817\"}", "al-r");
        assertTrue(release.get("accepted").asBoolean());
        assertEquals("release", release.get("applied").asText());
        assertEquals(SystemState.RUNNING, state.status().system());
        List<String> audited = audit.recent().stream()
                .filter(e -> e.action().equals("COMMAND_ACCEPTED"))
                .map(e -> e.reason())
                .toList();
        assertTrue(
                audited.stream().anyMatch(r -> r.startsWith("release of * (al-r, homeassistant)")), audited.toString());
        assertTrue(audited.stream().anyMatch(r -> r.startsWith("stop of * (al-d, homeassistant)")), audited.toString());
        String file = java.nio.file.Files.readString(audit.path());
        assertFalse(file.contains("493817"), "the code never reaches the audit log");
    }

    @Test
    void ownResult_publishedOnCmdResult_isNotTakenAsACommand() throws Exception {
        MqttProbe p = probe(BASE + "cmd/result");
        p.publish(BASE + "cmd/result", "{\"id\":\"loop-1\"}");
        JsonNode marker = command(p, "resume", "{\"id\":\"after-loop\"}", "after-loop");
        assertEquals("resume", marker.get("command").asText(), "the marker command was answered");
        // results are journaled in order: had cmd/result been handled, its answer would be here by now
        assertTrue(p.all().stream().noneMatch(r -> r.text().contains("\"correlationId\":\"loop-1\"")));
    }

    // --- diagnostics -------------------------------------------------------------------------

    @Test
    void diagnostics_retained_carriesVersionUptimeBacklogCamerasAndLastError() throws Exception {
        MqttProbe p = probe(BASE + "diagnostics");
        await().atMost(PATIENCE).until(() -> p.last(BASE + "diagnostics").isPresent());
        assertTrue(p.last(BASE + "diagnostics").get().retained());
        JsonNode d = json(p.lastText(BASE + "diagnostics").get());
        assertEquals(MosquittoResource.GATEWAY, d.get("gateway").asText());
        assertFalse(d.get("version").asText().isEmpty(), d.toString());
        assertTrue(d.get("uptimeSeconds").asLong() >= 0, d.toString());
        assertTrue(Instant.parse(d.get("startedAt").asText())
                .isBefore(Instant.parse(d.get("ts").asText()).plusSeconds(1)));
        JsonNode j = d.get("journal");
        assertEquals(
                j.get("last").asLong() - j.get("bridged").asLong(),
                j.get("backlog").asLong(),
                d.toString());
        assertTrue(d.at("/cameras/connected").isArray(), d.toString());
        assertEquals(d.at("/cameras/connected").size(), d.at("/cameras/count").asInt());
        assertTrue(d.at("/mqtt/connection").asLong() >= 1, d.toString());
        assertTrue(d.has("lastError"), d.toString());
    }

    @Test
    void diagnostics_afterTheInterval_publishedAgainWithNewUptime() throws Exception {
        MqttProbe p = probe(BASE + "diagnostics");
        await().atMost(PATIENCE).until(() -> p.on(BASE + "diagnostics").size() >= 1);
        int before = p.on(BASE + "diagnostics").size();
        // the test profile publishes every 2 s
        await().atMost(PATIENCE).until(() -> p.on(BASE + "diagnostics").size() > before);
        List<MqttProbe.Received> all = p.on(BASE + "diagnostics");
        assertFalse(all.get(all.size() - 1).retained(), "a live update, not the retained copy");
        assertTrue(json(all.get(all.size() - 1).text())
                        .get("ts")
                        .asText()
                        .compareTo(json(all.get(0).text()).get("ts").asText())
                > 0);
    }

    // --- Home Assistant ---------------------------------------------------------------------

    @Test
    void discovery_gatewayDevice_hasSystemPanelEventsButtons_andRemovesTheCameraSensorsItOnceHeld() throws Exception {
        String topic = "homeassistant/device/motam_" + MosquittoResource.GATEWAY + "/config";
        state.cameraLink("cam1", true);
        MqttProbe p = probe(topic);
        await().atMost(PATIENCE).until(() -> p.lastText(topic).orElse("").contains("motam_gw-test_snapshot_cam1"));
        assertTrue(p.first(topic, t -> true).get().retained());
        JsonNode d = json(p.lastText(topic).get());
        assertEquals("motam_gw-test", d.at("/device/identifiers/0").asText());
        assertEquals("MOTAM gw-test", d.at("/device/name").asText());
        assertEquals("MOTAM gateway", d.at("/origin/name").asText());
        assertEquals(BASE + "availability", d.at("/availability/0/topic").asText());
        assertEquals(1, d.at("/qos").asInt());
        JsonNode c = d.get("components");
        Set<String> platforms = new HashSet<>();
        c.fields().forEachRemaining(e -> {
            if (e.getValue().size() == 1) {
                return; // a removed component: only its platform
            }
            assertEquals(e.getKey(), e.getValue().get("unique_id").asText());
            platforms.add(e.getValue().get("platform").asText());
        });
        assertEquals(Set.of("alarm_control_panel", "button", "event"), platforms);
        assertEquals(List.of(), HomeAssistantSchema.violations(d), "Home Assistant's MQTT platform rules");
        JsonNode alarm = c.get("motam_gw-test_system");
        assertEquals(BASE + "state", alarm.get("state_topic").asText());
        assertEquals(BASE + "cmd/alarm", alarm.get("command_topic").asText());
        assertEquals("REMOTE_CODE_TEXT", alarm.get("code").asText());
        assertTrue(
                alarm.get("code_arm_required").asBoolean(), "the panel asks for the code: resuming an alarm needs it");
        assertTrue(alarm.get("code_disarm_required").asBoolean(), "the panel asks for the code to disarm");
        for (String s : List.of("disarmed", "triggered", "anyAlert", "armed_away")) {
            assertTrue(
                    alarm.get("value_template").asText().contains(s),
                    alarm.get("value_template").asText());
        }
        assertTrue(
                alarm.get("command_template").asText().contains("\"camera\":\"*\""),
                alarm.get("command_template").asText());
        for (String moved :
                List.of("camera_connected", "unknown_person", "mode", "alert_count", "last_seen", "snapshot_cam1")) {
            assertEquals(
                    1,
                    c.get("motam_gw-test_" + moved).size(),
                    moved + " moved to the camera's device: a removal stub here");
        }
        assertEquals(
                BASE + "events/recognition",
                c.get("motam_gw-test_recognition").get("state_topic").asText());
        assertEquals(
                List.of("known", "unknown", "no_face", "several_faces"),
                mapper.convertValue(c.get("motam_gw-test_recognition").get("event_types"), List.class));
        assertEquals(
                BASE + "events/authorisation",
                c.get("motam_gw-test_authorisation").get("state_topic").asText());
        assertEquals(
                BASE + "events/presence",
                c.get("motam_gw-test_presence").get("state_topic").asText());
        assertEquals(
                BASE + "cmd/result",
                c.get("motam_gw-test_command_result").get("state_topic").asText());
        assertEquals(
                List.of("accepted", "refused"),
                mapper.convertValue(c.get("motam_gw-test_command_result").get("event_types"), List.class));
        assertEquals(
                BASE + "cmd/pair",
                c.get("motam_gw-test_pair").get("command_topic").asText());
        assertEquals(
                BASE + "cmd/stop",
                c.get("motam_gw-test_stop").get("command_topic").asText());
        assertEquals(
                "{\"camera\":\"*\"}",
                c.get("motam_gw-test_stop").get("payload_press").asText());
        assertEquals(
                BASE + "cmd/resume",
                c.get("motam_gw-test_resume").get("command_topic").asText());
    }

    @Test
    void discovery_cameraDevice_hasItsPanelSensorsSnapshotAndButtons_onItsOwnStateTopic() throws Exception {
        String topic = "homeassistant/device/motam_" + MosquittoResource.GATEWAY + "/cam1/config";
        state.cameraLink("cam1", true);
        MqttProbe p = probe(topic);
        await().atMost(PATIENCE).until(() -> p.lastText(topic).orElse("").contains("snapshot"));
        JsonNode d = json(p.lastText(topic).get());
        assertEquals(List.of(), HomeAssistantSchema.violations(d), "Home Assistant's MQTT platform rules");
        assertEquals("motam_gw-test_cam1", d.at("/device/identifiers/0").asText());
        assertEquals("motam_gw-test", d.at("/device/via_device").asText());
        JsonNode c = d.get("components");
        String cameraState = BASE + "camera/cam1/state";
        assertEquals(
                cameraState,
                c.get("motam_gw-test_cam1_state").get("state_topic").asText());
        assertEquals(
                BASE + "camera/cam1/cmd/alarm",
                c.get("motam_gw-test_cam1_state").get("command_topic").asText());
        assertEquals(
                "connectivity",
                c.get("motam_gw-test_cam1_camera_connected").get("device_class").asText());
        assertEquals(
                cameraState,
                c.get("motam_gw-test_cam1_unknown_person").get("state_topic").asText());
        JsonNode mode = c.get("motam_gw-test_cam1_mode");
        assertEquals("enum", mode.get("device_class").asText());
        assertEquals(
                List.of("ENROLLING", "NORMAL", "ALERT", "BLOCKED", "STOPPED"),
                mapper.convertValue(mode.get("options"), List.class));
        assertEquals(
                "sensor.motam_gw_test_cam1_mode", mode.get("default_entity_id").asText());
        assertTrue(c.get("motam_gw-test_cam1_alert_count")
                .get("value_template")
                .asText()
                .contains("alertCount"));
        assertEquals(
                BASE + "camera/cam1/snapshot",
                c.get("motam_gw-test_cam1_snapshot").get("image_topic").asText());
        assertEquals(
                BASE + "camera/cam1/cmd/stop",
                c.get("motam_gw-test_cam1_stop").get("command_topic").asText());
        assertEquals(
                BASE + "camera/cam1/cmd/resume",
                c.get("motam_gw-test_cam1_resume").get("command_topic").asText());
    }

    @Test
    void cameraState_isRetainedPerCamera_andTheStateTopicCarriesTheCamerasObject() throws Exception {
        MqttProbe p = probe(BASE + "#");
        state.cameraLink("cam1", true);
        state.cameraMode("cam1", CameraMode.ALERT, 2);
        await().atMost(PATIENCE)
                .until(() -> p.lastText(BASE + "camera/cam1/state").orElse("").contains("\"alertCount\":2"));
        JsonNode cam = json(p.lastText(BASE + "camera/cam1/state").get());
        assertEquals("cam1", cam.get("camera").asText());
        assertEquals("RUNNING", cam.get("state").asText());
        assertEquals("ALERT", cam.get("mode").asText());
        assertEquals("connected", cam.get("link").asText());
        await().atMost(PATIENCE)
                .until(() -> p.lastText(BASE + "state").orElse("").contains("\"anyAlert\":true"));
        JsonNode all = json(p.lastText(BASE + "state").get());
        assertEquals("ALERT", all.at("/cameras/cam1/mode").asText());
        state.cameraMode("cam1", CameraMode.NORMAL, 0);
    }

    @Test
    void cameraCommandTopic_addressesThatCamera_andAPayloadNamingAnotherIsRefused() throws Exception {
        MqttProbe p = probe(BASE + "#");
        state.cameraLink("cam1", true);
        p.publish(BASE + "camera/cam1/cmd/stop", "{\"id\":\"cam-stop\"}");
        await().atMost(PATIENCE)
                .until(() -> p.any(BASE + "cmd/result", t -> t.contains("\"correlationId\":\"cam-stop\"")));
        JsonNode r = json(
                p.first(BASE + "cmd/result", t -> t.contains("cam-stop")).get().text());
        assertTrue(r.get("accepted").asBoolean(), r.toString());
        assertEquals("cam1", r.get("target").asText());
        assertEquals(SystemState.STOPPED, state.cameraState("cam1"));
        p.publish(BASE + "camera/cam1/cmd/resume", "{\"id\":\"cam-mismatch\",\"camera\":\"cam2\"}");
        await().atMost(PATIENCE)
                .until(() -> p.any(BASE + "cmd/result", t -> t.contains("\"correlationId\":\"cam-mismatch\"")));
        JsonNode refused = json(p.first(BASE + "cmd/result", t -> t.contains("cam-mismatch"))
                .get()
                .text());
        assertFalse(refused.get("accepted").asBoolean());
        assertTrue(refused.get("reason").asText().contains("not the topic's"), refused.toString());
        assertEquals(SystemState.STOPPED, state.cameraState("cam1"), "nothing changed");
        p.publish(BASE + "camera/cam1/cmd/resume", "{\"id\":\"cam-resume\"}");
        await().atMost(PATIENCE)
                .until(() -> p.any(BASE + "cmd/result", t -> t.contains("\"correlationId\":\"cam-resume\"")));
        assertEquals(SystemState.RUNNING, state.cameraState("cam1"));
    }

    @Test
    void discovery_cameraWithSnapshotsButNotAuthorised_deviceRemovedWithAnEmptyConfig() throws Exception {
        String gatewayTopic = "homeassistant/device/motam_" + MosquittoResource.GATEWAY + "/config";
        String cameraTopic = "homeassistant/device/motam_" + MosquittoResource.GATEWAY + "/cam-gone/config";
        // what an earlier run left: the revoked camera's device config, retained
        MqttProbe p = probe("homeassistant/device/#");
        p.publishRetained(cameraTopic, "{\"device\":{\"identifiers\":[\"old\"]}}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "jpg", out);
        snapshots.publishSnapshot("cam-gone", out.toByteArray());
        await().atMost(PATIENCE)
                .until(() -> p.lastText(gatewayTopic).orElse("").contains("motam_gw-test_snapshot_cam-gone"));
        JsonNode d = json(p.lastText(gatewayTopic).get());
        assertEquals(
                "{\"platform\":\"image\"}",
                d.at("/components/motam_gw-test_snapshot_cam-gone").toString(),
                "a component holding only its platform is removed by Home Assistant");
        assertEquals(List.of(), HomeAssistantSchema.violations(d));
        await().atMost(PATIENCE)
                .until(() -> p.last(cameraTopic).map(r -> r.text().isEmpty()).orElse(false));
        MqttProbe late = probe("homeassistant/device/#");
        await().during(Duration.ofSeconds(1))
                .atMost(PATIENCE)
                .until(() -> late.on(cameraTopic).isEmpty());
    }

    @Test
    void discovery_homeAssistantBirth_isSentAgainOnlyAfterTheRandomDelay() throws Exception {
        String topic = "homeassistant/device/motam_" + MosquittoResource.GATEWAY + "/config";
        MqttProbe p = probe(topic);
        await().atMost(PATIENCE).until(() -> p.on(topic).size() == 1);
        var before = haStatus.lastAnswer();
        p.publish("homeassistant/status", "online");
        await().atMost(PATIENCE).until(() -> p.on(topic).size() >= 2);
        MqttProbe.Received again = p.on(topic).get(1);
        assertFalse(again.retained()); // a live publish, not the retained copy
        HomeAssistantStatusListener.BirthAnswer answer = haStatus.lastAnswer().orElseThrow();
        assertFalse(before.isPresent() && before.get().equals(answer), "the birth message was answered");
        assertTrue(
                answer.delayMillis() >= 1 && answer.delayMillis() <= 5000, "a delay within birth-delay-max: " + answer);
        long waitedMillis = (again.nanos() - answer.heardNanos()) / 1_000_000;
        assertTrue(
                waitedMillis >= answer.delayMillis(),
                "discovery came " + waitedMillis + " ms after the birth, expected at least the drawn "
                        + answer.delayMillis() + " ms");
    }

    @Test
    void discovery_cameraNeitherAuthorisedNorConnected_hasItsDeviceRemoved() throws Exception {
        String topic = "homeassistant/device/motam_" + MosquittoResource.GATEWAY + "/cam-rev/config";
        MqttProbe p = probe(topic);
        state.cameraLink("cam-rev", true);
        await().atMost(PATIENCE).until(() -> p.lastText(topic).orElse("").contains("motam_gw-test_cam-rev"));
        state.cameraLink("cam-rev", false); // gone, and not in the registry (as after a revoke)
        await().atMost(PATIENCE)
                .until(() -> p.last(topic).map(r -> r.text().isEmpty()).orElse(false));
        MqttProbe late = probe(topic);
        await().during(Duration.ofSeconds(1))
                .atMost(PATIENCE)
                .until(() -> late.on(topic).isEmpty());
    }

    // --- outage -----------------------------------------------------------------------------

    @Test
    void brokerStoppedMidStream_thousandEventsArriveInOrderNoneTwice() throws Exception {
        MqttProbe p = new MqttProbe(
                MosquittoResource.broker().port(),
                MosquittoResource.OBSERVER,
                MosquittoResource.OBSERVER_PASSWORD,
                "outage-observer",
                true,
                BASE + "events/recognition");
        probes.add(p);
        String run = "run" + System.nanoTime();
        long connectionBefore = bridge.connectionGeneration();
        Thread writer = new Thread(
                () -> {
                    try {
                        for (int i = 1; i <= 1000; i++) {
                            ObjectNode n = EventJson.header(mapper, run + "-" + i, "cam1", Instant.now());
                            n.put("verdict", "KNOWN").put("n", i);
                            journal.append(EventJson.TOPIC_RECOGNITION, "cam1", 0, n);
                            if (i % 50 == 0) {
                                Thread.sleep(20); // a stream over about half a second, not one burst
                            }
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                "outage-writer");
        writer.start();
        await().atMost(PATIENCE).until(() -> ofRun(p, run).size() >= 200);
        MosquittoResource.broker().stop();
        await().atMost(PATIENCE).until(() -> !bridge.connected());
        // alive (the journal keeps everything) but not ready: liveness UP, readiness DOWN on "broker"
        assertEquals(200, Http.get("/q/health/live").statusCode());
        HttpResponse<String> ready = Http.get("/q/health/ready");
        assertEquals(503, ready.statusCode());
        assertEquals("DOWN", Http.checkStatus(ready.body(), "broker"), ready.body());
        writer.join(30_000);
        MosquittoResource.broker().start();
        await().atMost(PATIENCE).until(() -> bridge.connected() && bridge.connectionGeneration() > connectionBefore);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ofRun(p, run).stream()
                                .map(MqttProbe.Received::text)
                                .distinct()
                                .count()
                        >= 1000);

        // At least once: when the broker dies, publishes it already forwarded but whose PUBACK never
        // reached the gateway are sent again after the restart. They carry the same stable id and the
        // same bytes, and there can be at most max-inflight of them; a subscriber dedupes on the id.
        List<MqttProbe.Received> all = ofRun(p, run);
        Map<String, String> byId = new LinkedHashMap<>();
        int repeats = 0;
        for (MqttProbe.Received r : all) {
            String id = json(r.text()).get("id").asText();
            String before = byId.putIfAbsent(id, r.text());
            if (before != null) {
                assertEquals(before, r.text(), "a repeated id must repeat the same content");
                repeats++;
            }
        }
        List<Integer> order = new ArrayList<>();
        for (String text : byId.values()) {
            order.add(json(text).get("n").asInt());
        }
        assertEquals(1000, order.size(), "every event arrived");
        for (int i = 0; i < 1000; i++) {
            assertEquals(i + 1, order.get(i), String.format("position %d", i));
        }
        assertTrue(repeats <= 64, "repeats are bounded by the in-flight window, got " + repeats);
        System.out.printf("broker outage: 1000 events in order, %d identical repeat(s) from lost PUBACKs%n", repeats);
        MqttProbe fresh = probe(BASE + "availability");
        await().atMost(PATIENCE)
                .until(() -> fresh.lastText(BASE + "availability").orElse("").equals("online"));
    }

    private static List<MqttProbe.Received> ofRun(MqttProbe p, String run) {
        return p.on(BASE + "events/recognition").stream()
                .filter(r -> r.text().contains("\"id\":\"" + run + "-"))
                .toList();
    }
}
