package io.motam.gateway.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.motam.gateway.journal.EventJson;
import io.motam.gateway.state.CameraStatus;
import io.motam.gateway.state.SystemStatus;

/**
 * The retained {@code state} payload and each camera's retained {@code camera/<id>/state}
 * (schemas in docs/mqtt.md):
 *
 * <pre>
 * state:            {"schema":1,"system":"BLOCKED","stoppedAll":false,"anyAlert":false,
 *                    "cameras":{"cam1":{"state":"BLOCKED","link":"connected","mode":"BLOCKED","alertCount":12,"lastSeen":"…","releaseEpoch":0}},
 *                    "camera":"cam1","link":"connected","mode":"BLOCKED","alertCount":12,"lastSeen":"…","ts":"…"}
 *                   (camera … lastSeen: the one-camera summary, present only while exactly one camera is known)
 * camera/cam1/state: {"schema":1,"camera":"cam1","state":"BLOCKED","link":"connected","mode":"BLOCKED","alertCount":12,
 *                    "lastSeen":"…","releaseEpoch":0,"ts":"…"}
 * </pre>
 */
final class StatePayload {
    private StatePayload() {}

    static byte[] of(ObjectMapper mapper, SystemStatus s) {
        ObjectNode n = mapper.createObjectNode();
        n.put("schema", EventJson.SCHEMA);
        n.put("system", s.system().name());
        n.put("stoppedAll", s.stoppedAll());
        n.put("anyAlert", s.anyAlert());
        ObjectNode cams = n.putObject("cameras");
        for (CameraStatus c : s.cameras().values()) {
            fields(cams.putObject(c.id()), c);
        }
        s.onlyCamera().ifPresent(c -> {
            n.put("camera", c.id());
            n.put("link", link(c));
            n.put("mode", c.mode() == null ? null : c.mode().name());
            n.put("alertCount", c.alertCount());
            n.put("lastSeen", c.lastSeen() == null ? null : c.lastSeen().toString());
        });
        n.put("ts", s.changedAt().toString());
        return bytes(mapper, n);
    }

    static byte[] of(ObjectMapper mapper, CameraStatus c, SystemStatus s) {
        ObjectNode n = mapper.createObjectNode();
        n.put("schema", EventJson.SCHEMA);
        n.put("camera", c.id());
        fields(n, c);
        n.put("ts", s.changedAt().toString());
        return bytes(mapper, n);
    }

    private static void fields(ObjectNode n, CameraStatus c) {
        n.put("state", c.state().name());
        n.put("link", link(c));
        n.put("mode", c.mode() == null ? null : c.mode().name());
        n.put("alertCount", c.alertCount());
        n.put("lastSeen", c.lastSeen() == null ? null : c.lastSeen().toString());
        n.put("releaseEpoch", c.releaseEpoch());
    }

    private static String link(CameraStatus c) {
        return c.connected() ? "connected" : "disconnected";
    }

    private static byte[] bytes(ObjectMapper mapper, ObjectNode n) {
        try {
            return mapper.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
