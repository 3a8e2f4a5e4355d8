package io.motam.gateway.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.motam.gateway.audit.AuditLog;
import io.motam.gateway.journal.EventJournal;
import io.motam.gateway.journal.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Records every authorisation decision: first in the audit log ({@code <data-dir>/audit.jsonl},
 * fsync'd), then in the journal, from which it reaches MQTT {@code events/authorisation}; counts
 * it in {@code motam_authorisation_decisions_total}. A denial or revocation throws the device out
 * (removed and blocked on the adapter, if it is a Bluetooth device); a replaced key only loses its
 * session. The peer never learns the reason.
 */
@ApplicationScoped
public class AuthorisationLog {
    private static final Logger LOG = Logger.getLogger(AuthorisationLog.class);

    /** What was decided. */
    public enum Decision {
        /** A known key, or a key that proved a pairing offer, is let in. */
        GRANTED,
        /** Not authorised (unknown key, wrong proof, key of another camera): thrown out. */
        DENIED,
        /** Authorised but turned away for now (another camera is connected). */
        REFUSED,
        /** The operator withdrew the camera's authorisation: thrown out. */
        REVOKED,
        /**
         * The camera paired again with a new key: this, its old key, was removed and its session
         * ended; its device is not blocked (it is usually the same device, pairing again).
         */
        REPLACED
    }

    @Inject
    EventJournal journal;

    @Inject
    ObjectMapper mapper;

    @Inject
    AuditLog audit;

    @Inject
    ThrowOut throwOut;

    @Inject
    MeterRegistry metrics;

    public void record(Decision decision, String cameraId, String fingerprint, String address, String reason) {
        String camera = cameraId == null ? "unknown" : cameraId;
        LOG.infof(
                "authorisation %s camera=%s fingerprint=%s address=%s: %s",
                decision, camera, fingerprint, address, reason);
        metrics.counter("motam.authorisation.decisions", "decision", decision.name())
                .increment();
        try {
            audit.append(decision.name(), cameraId, fingerprint, address, reason);
        } catch (RuntimeException e) {
            LOG.errorf("could not audit the authorisation decision %s for %s: %s", decision, camera, e.getMessage());
        }
        ObjectNode n = EventJson.header(mapper, EventJson.newId(), camera, Instant.now());
        n.put("decision", decision.name())
                .put("reason", reason)
                .put("fingerprint", fingerprint)
                .put("address", address);
        try {
            journal.append(EventJson.TOPIC_AUTHORISATION, camera, 0, n);
        } catch (IOException e) {
            LOG.errorf("could not journal the authorisation decision %s for %s: %s", decision, camera, e.getMessage());
        }
        if (decision == Decision.DENIED) {
            throwOut.throwOut(cameraId, fingerprint, address, "denied: " + reason, false);
        } else if (decision == Decision.REVOKED) {
            throwOut.throwOut(cameraId, fingerprint, address, "revoked: " + reason, true);
        } else if (decision == Decision.REPLACED) {
            throwOut.disconnect(cameraId, fingerprint, address, "old key replaced: " + reason);
        }
    }
}
