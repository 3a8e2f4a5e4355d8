package io.motam.protocol.uplink;

import io.motam.protocol.delivery.EventSink;
import io.motam.protocol.message.Event;
import io.motam.protocol.message.UnknownEventException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A gateway journal in memory that checks the sink contract: numbers strictly rising per camera. */
public final class MemorySink implements EventSink {
    public record Delivered(String cameraId, long sequence, Event event) {}

    private final List<Delivered> all = new ArrayList<>();
    private final List<Long> skipped = new ArrayList<>();
    private final Map<String, Long> last = new HashMap<>();
    private volatile boolean failing;
    private int violations;

    @Override
    public synchronized long lastSequence(String cameraId) {
        return last.getOrDefault(cameraId, 0L);
    }

    @Override
    public synchronized void deliver(String cameraId, long sequence, Event event) throws IOException {
        if (failing) {
            throw new IOException("disk full (test)");
        }
        if (sequence <= last.getOrDefault(cameraId, 0L)) {
            violations++;
        }
        last.put(cameraId, sequence);
        all.add(new Delivered(cameraId, sequence, event));
        notifyAll();
    }

    @Override
    public synchronized void skipped(String cameraId, long sequence, UnknownEventException event) throws IOException {
        if (failing) {
            throw new IOException("disk full (test)");
        }
        skipped.add(sequence);
    }

    /** Sequence numbers recorded as skipped (events of a kind the gateway does not know). */
    public synchronized List<Long> skipped() {
        return List.copyOf(skipped);
    }

    void failing(boolean on) {
        failing = on;
    }

    public synchronized List<Delivered> delivered() {
        return List.copyOf(all);
    }

    public synchronized int count() {
        return all.size();
    }

    synchronized int violations() {
        return violations;
    }
}
