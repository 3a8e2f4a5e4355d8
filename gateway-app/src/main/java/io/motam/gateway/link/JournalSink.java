package io.motam.gateway.link;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.motam.gateway.audit.AuditLog;
import io.motam.gateway.journal.EventJournal;
import io.motam.gateway.journal.EventJson;
import io.motam.gateway.state.SystemStateController;
import io.motam.protocol.delivery.EventSink;
import io.motam.protocol.message.Event;
import io.motam.protocol.message.ModeChanged;
import io.motam.protocol.message.UnknownEventException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Camera events into the gateway's journal (fsync'd before the ACK). A mode change updates the
 * system state first (persisted), then is journaled: a failure of either is a storage failure,
 * so the camera keeps the event and sends it again; a state already updated is simply set again.
 * An event of a kind this gateway does not know gets an {@value #SKIPPED} line in the audit log
 * (fsync'd) instead, and is then acknowledged.
 */
final class JournalSink implements EventSink {
    private final EventJournal journal;
    private final SystemStateController state;
    /** The audit action of a skipped event. */
    static final String SKIPPED = "EVENT_SKIPPED";

    private final ObjectMapper mapper;
    private final AuditLog audit;

    JournalSink(EventJournal journal, SystemStateController state, ObjectMapper mapper, AuditLog audit) {
        this.journal = journal;
        this.state = state;
        this.mapper = mapper;
        this.audit = audit;
    }

    @Override
    public long lastSequence(String cameraId) {
        return journal.lastSequence(cameraId);
    }

    @Override
    public void deliver(String cameraId, long sequence, Event event) throws IOException {
        if (event instanceof ModeChanged m) {
            try {
                state.cameraMode(cameraId, m.to(), m.alertCount());
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        journal.append(EventJson.topicOf(event), cameraId, sequence, EventJson.of(mapper, event, cameraId, sequence));
    }

    @Override
    public void skipped(String cameraId, long sequence, UnknownEventException event) throws IOException {
        try {
            audit.append(
                    SKIPPED,
                    cameraId,
                    null,
                    null,
                    "event " + sequence + " (id " + event.id() + ", at " + event.at() + ") of kind " + event.kind()
                            + ", unknown to this gateway: acknowledged without storing it");
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
