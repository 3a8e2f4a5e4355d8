package io.motam.gateway.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.motam.gateway.journal.EventJson;
import io.motam.gateway.state.SystemStatus;

/**
 * The retained {@code state} payload (schema in docs/mqtt.md):
 * {@code {"schema":1,"system":"RUNNING","camera":"cam1","link":"connected","mode":"NORMAL","alertCount":0,"lastSeen":"…","ts":"…"}}.
 */
final class StatePayload {
    private StatePayload() {
    }

    static byte[] of(ObjectMapper mapper, SystemStatus s) {
        ObjectNode n = mapper.createObjectNode();
        n.put("schema", EventJson.SCHEMA);
        n.put("system", s.system().name());
        n.put("camera", s.cameraId());
        n.put("link", s.cameraConnected() ? "connected" : "disconnected");
        n.put("mode", s.mode() == null ? null : s.mode().name());
        n.put("alertCount", s.alertCount());
        n.put("lastSeen", s.lastSeen() == null ? null : s.lastSeen().toString());
        n.put("ts", s.changedAt().toString());
        try {
            return mapper.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
