package io.motam.protocol.pairing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.motam.protocol.session.Fingerprint;
import java.time.Instant;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Properties of the offer codec: round trip, and junk never escapes as anything but MalformedOfferException. */
class PairingOfferProperties {

    @Property(tries = 500)
    void decode_encodedValidOffer_roundTrips(@ForAll("offers") PairingOffer offer) throws MalformedOfferException {
        String text = offer.encode();
        assertEquals(offer, PairingOffer.decode(text));
        assertEquals(true, text.length() <= PairingOffer.MAX_TEXT_LENGTH);
    }

    @Property(tries = 1000)
    void decode_arbitraryString_throwsOnlyMalformedOffer(@ForAll @StringLength(max = 500) String junk) {
        decodeOrMalformed(junk);
        decodeOrMalformed(PairingOffer.TEXT_PREFIX + junk);
    }

    @Property(tries = 1000)
    void decode_prefixedRandomBinary_throwsOnlyMalformedOffer(@ForAll @Size(max = 320) byte[] binary) {
        decodeOrMalformed(PairingOffer.TEXT_PREFIX
                + Base64.getUrlEncoder().withoutPadding().encodeToString(binary));
    }

    @Property(tries = 1000)
    void decode_validOfferWithOneByteChanged_throwsOnlyMalformedOfferOrDecodes(
            @ForAll("offers") PairingOffer offer,
            @ForAll @IntRange(min = 0, max = 400) int position,
            @ForAll byte value) {
        byte[] layout = Base64.getUrlDecoder().decode(offer.encode().substring(PairingOffer.TEXT_PREFIX.length()));
        layout[position % layout.length] = value;
        decodeOrMalformed(PairingOffer.TEXT_PREFIX
                + Base64.getUrlEncoder().withoutPadding().encodeToString(layout));
    }

    @Property(tries = 1000)
    void decode_validOfferTruncatedOrCharacterReplaced_throwsOnlyMalformedOfferOrDecodes(
            @ForAll("offers") PairingOffer offer,
            @ForAll @IntRange(min = 0, max = 500) int position,
            @ForAll char replacement) {
        String text = offer.encode();
        int at = position % text.length();
        decodeOrMalformed(text.substring(0, at));
        decodeOrMalformed(text.substring(0, at) + replacement + text.substring(at + 1));
    }

    private static void decodeOrMalformed(String text) {
        try {
            PairingOffer.decode(text);
        } catch (MalformedOfferException expected) {
            // the only permitted failure
        }
    }

    @Provide
    Arbitrary<PairingOffer> offers() {
        Arbitrary<String> ids = Arbitraries.strings()
                .withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
                .ofLength(1)
                .flatMap(head -> Arbitraries.strings()
                        .withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-")
                        .ofMaxLength(PairingOffer.MAX_GATEWAY_ID_LENGTH - 1)
                        .map(tail -> head + tail));
        Arbitrary<String> endpoints = Arbitraries.strings()
                .withCharRange('!', '~')
                .ofMinLength(1)
                .ofMaxLength(PairingOffer.MAX_ENDPOINT_LENGTH);
        Arbitrary<Fingerprint> fingerprints = Arbitraries.bytes()
                .array(byte[].class)
                .ofSize(Fingerprint.LENGTH)
                .map(Fingerprint::fromBytes);
        Arbitrary<byte[]> secrets = Arbitraries.bytes()
                .array(byte[].class)
                .ofMinSize(PairingOffer.MIN_SECRET_LENGTH)
                .ofMaxSize(PairingOffer.MAX_SECRET_LENGTH);
        Arbitrary<Instant> expiries =
                Arbitraries.longs().between(0, Instant.MAX.getEpochSecond()).map(Instant::ofEpochSecond);
        return Combinators.combine(ids, endpoints, fingerprints, secrets, expiries)
                .as((id, endpoint, fingerprint, secret, expiry) ->
                        new PairingOffer(PairingOffer.PROTOCOL_VERSION, id, endpoint, fingerprint, secret, expiry));
    }
}
