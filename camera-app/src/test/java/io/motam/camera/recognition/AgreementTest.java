package io.motam.camera.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.motam.domain.Verdict;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgreementTest {

    @Test
    void add_needsThatManyAgreeingSightings_thenEveryFurtherOneCounts() {
        Agreement a = new Agreement(3);
        assertEquals(Optional.empty(), a.add(Verdict.UNKNOWN));
        assertEquals(Optional.of(Verdict.UNKNOWN), a.pending());
        assertEquals(Optional.empty(), a.add(Verdict.UNKNOWN));
        assertEquals(Optional.of(Verdict.UNKNOWN), a.add(Verdict.UNKNOWN));
        assertEquals(Optional.of(Verdict.UNKNOWN), a.add(Verdict.UNKNOWN));
        assertEquals(Optional.empty(), a.pending());
    }

    @Test
    void add_otherVerdict_restartsTheStreak_unreadableChecksDoNot() {
        Agreement a = new Agreement(2);
        a.add(Verdict.KNOWN);
        assertEquals(Optional.empty(), a.add(Verdict.NO_FACE));
        assertEquals(Optional.empty(), a.add(Verdict.SEVERAL_FACES));
        assertEquals(Optional.of(Verdict.KNOWN), a.add(Verdict.KNOWN));
        assertEquals(Optional.empty(), a.add(Verdict.UNKNOWN));
        assertEquals(Optional.empty(), a.add(Verdict.KNOWN));
    }

    @Test
    void agreementOne_countsEverySighting_resetForgets() {
        Agreement a = new Agreement(1);
        assertEquals(Optional.of(Verdict.UNKNOWN), a.add(Verdict.UNKNOWN));
        Agreement b = new Agreement(2);
        b.add(Verdict.UNKNOWN);
        b.reset();
        assertEquals(Optional.empty(), b.add(Verdict.UNKNOWN));
    }

    @Test
    void constructor_outOfRange_throws() {
        assertThrows(IllegalArgumentException.class, () -> new Agreement(0));
        assertThrows(IllegalArgumentException.class, () -> new Agreement(11));
    }
}
