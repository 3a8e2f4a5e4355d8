package io.motam.gateway.link;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Decides which handshake refusals from one source ({@link PeerSource}: a TCP peer's IP address,
 * a Bluetooth device) are worth an audit entry: the first, then one per {@code quiet} period. A
 * device that retries in a loop (every refusal is a full TLS handshake from it), with the same
 * key or a fresh one each time, would otherwise fill the audit log, the journal and MQTT with the
 * same line; the refusals in between are only counted and the next audited one says how many
 * there were. Remembers at most {@code capacity} sources, the least recently refused forgotten
 * first. Thread-safe.
 */
final class RefusalThrottle {
    private final Duration quiet;
    private final Clock clock;
    private final Map<String, Seen> sources;

    private static final class Seen {
        Instant audited;
        long since;

        Seen(Instant audited) {
            this.audited = audited;
        }
    }

    RefusalThrottle(Duration quiet, int capacity, Clock clock) {
        if (quiet.isNegative() || capacity < 1) {
            throw new IllegalArgumentException(
                    "expected a quiet period >= 0 and a capacity >= 1 but was " + quiet + ", " + capacity);
        }
        this.quiet = quiet;
        this.clock = clock;
        this.sources = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * A refusal of a link from {@code source}: empty when it is not to be audited, otherwise the
     * number of refusals from the source left unaudited since its last audited one (0 the first
     * time).
     */
    synchronized OptionalLong refused(String source) {
        Instant now = clock.instant();
        Seen seen = sources.get(source);
        if (seen == null) {
            sources.put(source, new Seen(now));
            return OptionalLong.of(0);
        }
        if (now.isBefore(seen.audited.plus(quiet))) {
            seen.since++;
            return OptionalLong.empty();
        }
        long skipped = seen.since;
        seen.audited = now;
        seen.since = 0;
        return OptionalLong.of(skipped);
    }
}
