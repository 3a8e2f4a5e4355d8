package io.motam.gateway.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.motam.gateway.testing.ManualClock;
import io.motam.protocol.session.Fingerprint;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RefusalThrottleTest {
    private final ManualClock clock = new ManualClock();
    private final RefusalThrottle throttle = new RefusalThrottle(Duration.ofMinutes(10), 2, clock);

    private static Fingerprint key(int b) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) b;
        return Fingerprint.fromBytes(bytes);
    }

    @Test
    void refused_firstTime_isAudited() {
        assertEquals(OptionalLong.of(0), throttle.refused(key(1)));
    }

    @Test
    void refused_againWithinTheQuietPeriod_isCountedThenReportedWithTheNextAuditedOne() {
        throttle.refused(key(1));
        clock.advance(Duration.ofMinutes(1));
        assertEquals(OptionalLong.empty(), throttle.refused(key(1)));
        assertEquals(OptionalLong.empty(), throttle.refused(key(1)));
        assertEquals(OptionalLong.of(0), throttle.refused(key(2)), "another key is audited at once");
        clock.advance(Duration.ofMinutes(9));
        assertEquals(OptionalLong.of(2), throttle.refused(key(1)), "after the quiet period, with the count skipped");
        assertEquals(OptionalLong.empty(), throttle.refused(key(1)));
    }

    @Test
    void refused_moreKeysThanTheCapacity_forgetsTheLeastRecentlyRefused() {
        throttle.refused(key(1));
        throttle.refused(key(2));
        throttle.refused(key(1)); // key 1 is now the most recent
        throttle.refused(key(3)); // evicts key 2
        assertEquals(OptionalLong.empty(), throttle.refused(key(1)));
        assertEquals(OptionalLong.of(0), throttle.refused(key(2)), "forgotten, so audited as new");
    }

    @Test
    void create_withoutCapacity_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RefusalThrottle(Duration.ofMinutes(1), 0, clock));
    }
}
