package io.motam.camera.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.camera.pairing.OfferInbox;
import io.motam.protocol.pairing.PairingOffer;
import io.motam.protocol.session.Identity;
import io.motam.protocol.uplink.Uplink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayTargetTest {
    private static final Identity GATEWAY = Identity.generate("gw");

    @TempDir
    Path dir;

    private static PairingOffer offer(String endpoint) {
        return PairingOffer.issue(
                "gw1", endpoint, GATEWAY.fingerprint(), Duration.ofMinutes(2), Clock.systemUTC(), new SecureRandom());
    }

    @Test
    void next_nothingPairedNoOffer_waits() throws Exception {
        assertTrue(new GatewayTarget(dir, new OfferInbox(), Optional.empty())
                .next()
                .isEmpty());
    }

    @Test
    void next_offerSeenInAFrame_pairsWithIt_thenUsesThePin() throws Exception {
        OfferInbox inbox = new OfferInbox();
        PairingOffer offer = offer("tcp:10.0.0.1:7420");
        inbox.offer(offer);
        GatewayTarget target = new GatewayTarget(dir, inbox, Optional.empty());
        Uplink.Destination first = target.next().orElseThrow();
        assertEquals(Optional.of(offer), first.offer());
        target.paired(offer);
        Uplink.Destination then = target.next().orElseThrow();
        assertTrue(then.offer().isEmpty());
        assertEquals("tcp:10.0.0.1:7420", then.endpoint());
        assertEquals(GATEWAY.fingerprint(), then.gatewayKey());
    }

    @Test
    void next_offerFile_usedWhenNoFrameShowedOne() throws Exception {
        PairingOffer offer = offer("tcp:10.0.0.2:7420");
        Path file = Files.writeString(dir.resolve("offer.txt"), offer.encode(), StandardCharsets.US_ASCII);
        Uplink.Destination d = new GatewayTarget(dir, new OfferInbox(), Optional.of(file))
                .next()
                .orElseThrow();
        assertEquals(Optional.of(offer), d.offer());
    }
}
