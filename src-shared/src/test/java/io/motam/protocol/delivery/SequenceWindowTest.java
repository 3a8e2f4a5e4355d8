package io.motam.protocol.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.motam.protocol.frame.OutOfWindowException;
import org.junit.jupiter.api.Test;

class SequenceWindowTest {
    @Test
    void judge_nextNumber_isNew() throws Exception {
        SequenceWindow w = new SequenceWindow(41);
        assertEquals(SequenceWindow.Verdict.NEW, w.judge(42));
        w.delivered(42);
        assertEquals(SequenceWindow.Verdict.NEW, w.judge(43));
        assertEquals(42, w.last());
    }

    @Test
    void judge_numberAlreadyDurable_isDuplicate() throws Exception {
        SequenceWindow w = new SequenceWindow(41);
        assertEquals(SequenceWindow.Verdict.DUPLICATE, w.judge(41));
        assertEquals(SequenceWindow.Verdict.DUPLICATE, w.judge(7));
    }

    @Test
    void judge_gapOnTheFirstEvent_isNewAfterGap() throws Exception {
        SequenceWindow w = new SequenceWindow(0);
        assertEquals(SequenceWindow.Verdict.NEW_AFTER_GAP, w.judge(1001));
    }

    @Test
    void judge_gapLaterInTheSession_throwsOutOfWindow() throws Exception {
        SequenceWindow w = new SequenceWindow(0);
        w.judge(1);
        w.delivered(1);
        OutOfWindowException e = assertThrows(OutOfWindowException.class, () -> w.judge(3));
        assertEquals(2, e.expected());
        assertEquals(3, e.actual());
    }

    @Test
    void judge_zeroOrNegative_throwsOutOfWindow() {
        assertThrows(OutOfWindowException.class, () -> new SequenceWindow(0).judge(0));
    }
}
