package io.motam.gateway.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.motam.gateway.journal.EventJournal;
import io.motam.gateway.journal.EventJson;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Journals what the backup store does with the cameras' files (stored, already stored, rejected,
 * expired), from which the MQTT bridge publishes {@code events/backup} (docs/mqtt.md).
 */
@ApplicationScoped
public class BackupEvents {
    private static final Logger LOG = Logger.getLogger(BackupEvents.class);

    @Inject
    BackupStore store;

    @Inject
    EventJournal journal;

    @Inject
    ObjectMapper mapper;

    private final Clock clock = Clock.systemUTC();

    void start(@Observes StartupEvent ev) {
        store.listen(this::journal);
    }

    void journal(BackupListener.Change c) {
        ObjectNode n = json(mapper, c, clock);
        try {
            journal.append(EventJson.TOPIC_BACKUP, c.cameraId(), 0, n);
        } catch (IOException | RuntimeException e) {
            LOG.errorf("could not journal backup %s of %s: %s", c.outcome(), c.file(), e.getMessage());
        }
    }

    /** The {@code events/backup} payload of a change. */
    static ObjectNode json(ObjectMapper mapper, BackupListener.Change c, Clock clock) {
        ObjectNode n = EventJson.header(mapper, EventJson.newId(), c.cameraId(), clock.instant());
        n.put("file", c.file())
                .put("kind", c.kind().name())
                .put("size", c.size())
                .put("sha256", c.sha256().toLowerCase(Locale.ROOT))
                .put("outcome", c.outcome().name());
        if (c.reason() != null) {
            n.put("reason", c.reason());
        }
        return n;
    }
}
