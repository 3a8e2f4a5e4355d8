package io.motam.gateway.link;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds the links that are in their handshake (TLS, HELLO .. WELCOME), when nothing about the
 * peer is known yet: at most {@code max} at a time, and at most {@code perSource} from one
 * {@link PeerSource}. A link is admitted with a {@link Slot} and gives it back when its handshake
 * is over (WELCOME queued, or the link ended); a link beyond either bound is {@link Refused} and
 * is to be closed at once. Remembers only sources that hold a slot (at most {@code max}).
 * Thread-safe.
 */
final class HandshakeSlots {

    /** Why a link got no slot. */
    enum Refusal {
        /** {@code max} handshakes are in progress. */
        POOL_FULL,
        /** {@code perSource} handshakes from this source are in progress. */
        SOURCE_BUSY
    }

    /** The answer to {@link #admit}. */
    sealed interface Admission permits Slot, Refused {}

    /** No slot: close the link. */
    record Refused(Refusal why, String source, int inProgress, int fromSource) implements Admission {}

    /** A handshake slot of one source; {@link #close} gives it back, once however often it is called. */
    final class Slot implements Admission, AutoCloseable {
        private final String source;
        private final AtomicBoolean held = new AtomicBoolean(true);

        private Slot(String source) {
            this.source = source;
        }

        @Override
        public void close() {
            if (held.compareAndSet(true, false)) {
                release(source);
            }
        }
    }

    private final int max;
    private final int perSource;
    private final Map<String, Integer> bySource = new HashMap<>();
    private int inProgress;

    HandshakeSlots(int max, int perSource) {
        if (max < 1 || perSource < 1) {
            throw new IllegalArgumentException(
                    "expected max-handshakes >= 1 and max-handshakes-per-source >= 1 but was " + max + " and "
                            + perSource);
        }
        this.max = max;
        this.perSource = perSource;
    }

    /** A slot for a link from {@code source}, or why there is none. */
    synchronized Admission admit(String source) {
        int fromSource = bySource.getOrDefault(source, 0);
        if (inProgress >= max) {
            return new Refused(Refusal.POOL_FULL, source, inProgress, fromSource);
        }
        if (fromSource >= perSource) {
            return new Refused(Refusal.SOURCE_BUSY, source, inProgress, fromSource);
        }
        inProgress++;
        bySource.put(source, fromSource + 1);
        return new Slot(source);
    }

    /** Handshakes in progress now. */
    synchronized int inProgress() {
        return inProgress;
    }

    int max() {
        return max;
    }

    int perSource() {
        return perSource;
    }

    private synchronized void release(String source) {
        inProgress--;
        bySource.computeIfPresent(source, (s, n) -> n > 1 ? n - 1 : null);
    }
}
