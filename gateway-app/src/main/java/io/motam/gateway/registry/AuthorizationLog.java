package io.motam.gateway.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.motam.gateway.journal.EventJournal;
import io.motam.gateway.journal.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Records every authorisation decision (granted, denied, refused) durably in the journal, from
 * which it reaches MQTT {@code events/authorization}. The peer never learns the reason.
 */
@ApplicationScoped
public class AuthorizationLog {
    private static final Logger LOG = Logger.getLogger(AuthorizationLog.class);

    /** What was decided. */
    public enum Decision { GRANTED, DENIED, REFUSED }

    @Inject
    EventJournal journal;

    @Inject
    ObjectMapper mapper;

    public void record(Decision decision, String cameraId, String fingerprint, String address, String reason) {
        String camera = cameraId == null ? "unknown" : cameraId;
        ObjectNode n = EventJson.header(mapper, EventJson.newId(), camera, Instant.now());
        n.put("decision", decision.name()).put("reason", reason).put("fingerprint", fingerprint).put("address", address);
        LOG.infof("authorisation %s camera=%s fingerprint=%s address=%s: %s", decision, camera, fingerprint, address, reason);
        try {
            journal.append(EventJson.TOPIC_AUTHORIZATION, camera, 0, n);
        } catch (IOException e) {
            LOG.errorf("could not journal the authorisation decision %s for %s: %s", decision, camera, e.getMessage());
        }
    }
}
