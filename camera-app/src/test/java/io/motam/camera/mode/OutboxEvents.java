package io.motam.camera.mode;

import io.motam.protocol.delivery.Outbox;
import io.motam.protocol.frame.CorruptFrameException;
import io.motam.protocol.frame.Frame;
import io.motam.protocol.message.Event;
import io.motam.protocol.message.MessageCodec;
import io.motam.protocol.message.UnknownEventException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads back the events a controller queued, for assertions. */
public final class OutboxEvents {
    private OutboxEvents() {}

    public static List<Event> all(Outbox outbox) {
        List<Event> events = new ArrayList<>();
        for (Frame f : outbox.next(0, 1_000_000)) {
            try {
                events.add((Event) MessageCodec.decode(f));
            } catch (CorruptFrameException | UnknownEventException e) {
                throw new UncheckedIOException(e);
            }
        }
        return events;
    }

    public static <T extends Event> List<T> of(Outbox outbox, Class<T> type) {
        return all(outbox).stream().filter(type::isInstance).map(type::cast).toList();
    }
}
