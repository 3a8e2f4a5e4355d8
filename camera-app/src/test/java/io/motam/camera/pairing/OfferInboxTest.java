package io.motam.camera.pairing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.motam.protocol.pairing.PairingOffer;
import io.motam.protocol.session.Fingerprint;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OfferInboxTest {
    static final Fingerprint GATEWAY_KEY = Fingerprint.fromHex("ab".repeat(Fingerprint.LENGTH));

    static PairingOffer offer(Clock clock, String gatewayId) {
        return PairingOffer.issue(
                gatewayId, "tcp:127.0.0.1:7420", GATEWAY_KEY, Duration.ofSeconds(120), clock, new SecureRandom());
    }

    @Test
    void latest_isTheNewestOffer_untilItExpires() {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        Clock start = Clock.fixed(now, ZoneOffset.UTC);
        OfferInbox inbox = new OfferInbox(start);
        assertEquals(Optional.empty(), inbox.latest());
        PairingOffer first = offer(start, "gw1");
        PairingOffer second = offer(start, "gw2");
        inbox.offer(first);
        inbox.offer(second);
        inbox.offer(second);
        assertEquals(Optional.of(second), inbox.latest());
        OfferInbox later = new OfferInbox(Clock.fixed(now.plusSeconds(121), ZoneOffset.UTC));
        later.offer(first);
        assertEquals(Optional.empty(), later.latest());
    }
}
