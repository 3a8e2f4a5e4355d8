package io.motam.gateway.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.motam.gateway.testing.ManualClock;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RefusalThrottleTest {
    private final ManualClock clock = new ManualClock();
    private final RefusalThrottle throttle = new RefusalThrottle(Duration.ofMinutes(10), 2, clock);

    private static String source(int n) {
        return PeerSource.of("tcp:192.0.2." + n + ":" + (40000 + n));
    }

    @Test
    void refused_firstTime_isAudited() {
        assertEquals(OptionalLong.of(0), throttle.refused(source(1)));
    }

    @Test
    void refused_againWithinTheQuietPeriod_isCountedThenReportedWithTheNextAuditedOne() {
        throttle.refused(source(1));
        clock.advance(Duration.ofMinutes(1));
        assertEquals(OptionalLong.empty(), throttle.refused(source(1)));
        assertEquals(OptionalLong.empty(), throttle.refused(source(1)));
        assertEquals(OptionalLong.of(0), throttle.refused(source(2)), "another source is audited at once");
        clock.advance(Duration.ofMinutes(9));
        assertEquals(OptionalLong.of(2), throttle.refused(source(1)), "after the quiet period, with the count skipped");
        assertEquals(OptionalLong.empty(), throttle.refused(source(1)));
    }

    @Test
    void refused_sameAddressFromAnotherPort_isTheSameSource() {
        assertEquals(OptionalLong.of(0), throttle.refused(PeerSource.of("tcp:192.0.2.7:50001")));
        assertEquals(
                OptionalLong.empty(),
                throttle.refused(PeerSource.of("tcp:192.0.2.7:50002")),
                "a new connection (and a fresh key) from the same address is not audited again");
    }

    @Test
    void refused_moreSourcesThanTheCapacity_forgetsTheLeastRecentlyRefused() {
        throttle.refused(source(1));
        throttle.refused(source(2));
        throttle.refused(source(1)); // source 1 is now the most recent
        throttle.refused(source(3)); // evicts source 2
        assertEquals(OptionalLong.empty(), throttle.refused(source(1)));
        assertEquals(OptionalLong.of(0), throttle.refused(source(2)), "forgotten, so audited as new");
    }

    @Test
    void create_withoutCapacity_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RefusalThrottle(Duration.ofMinutes(1), 0, clock));
    }
}
