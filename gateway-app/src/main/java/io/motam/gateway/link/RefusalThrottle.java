package io.motam.gateway.link;

import io.motam.protocol.session.Fingerprint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Decides which handshake refusals of one key are worth an audit entry: the first, then one per
 * {@code quiet} period. A device that retries in a loop (every refusal is a full TLS handshake
 * from it) would otherwise fill the audit log, the journal and MQTT with the same line; the
 * refusals in between are only counted and the next audited one says how many there were.
 * Remembers at most {@code capacity} keys, the least recently refused forgotten first.
 * Thread-safe.
 */
final class RefusalThrottle {
    private final Duration quiet;
    private final Clock clock;
    private final Map<Fingerprint, Seen> keys;

    private static final class Seen {
        Instant audited;
        long since;

        Seen(Instant audited) {
            this.audited = audited;
        }
    }

    RefusalThrottle(Duration quiet, int capacity, Clock clock) {
        if (quiet.isNegative() || capacity < 1) {
            throw new IllegalArgumentException("expected a quiet period >= 0 and a capacity >= 1 but was " + quiet + ", "
                    + capacity);
        }
        this.quiet = quiet;
        this.clock = clock;
        this.keys = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Fingerprint, Seen> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * A refusal of {@code key}: empty when it is not to be audited, otherwise the number of
     * refusals of the key left unaudited since its last audited one (0 the first time).
     */
    synchronized OptionalLong refused(Fingerprint key) {
        Instant now = clock.instant();
        Seen seen = keys.get(key);
        if (seen == null) {
            keys.put(key, new Seen(now));
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
