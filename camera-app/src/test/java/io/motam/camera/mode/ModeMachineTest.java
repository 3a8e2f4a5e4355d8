package io.motam.camera.mode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motam.domain.CameraMode;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One test per edge of the drawn machine, and one per refused trigger; {@link #everyTrigger_inEveryMode}
 * walks the whole table (5 modes x 6 triggers).
 */
class ModeMachineTest {

    /** A machine in the given mode (ALERT with alert 1, STOPPED left from NORMAL), limit 12. */
    private static ModeMachine in(CameraMode mode) {
        ModeMachine m = new ModeMachine(12);
        switch (mode) {
            case ENROLLING -> {}
            case NORMAL -> m.enrolled();
            case ALERT -> {
                m.enrolled();
                m.unknown();
            }
            case BLOCKED -> {
                m.enrolled();
                for (int i = 0; i < 12; i++) {
                    m.unknown();
                }
            }
            case STOPPED -> {
                m.enrolled();
                m.stop();
            }
        }
        assertEquals(mode, m.mode());
        return m;
    }

    private static Function<ModeMachine, Optional<Transition>> trigger(String name) {
        return switch (name) {
            case "enrolled" -> m -> Optional.of(m.enrolled());
            case "known" -> ModeMachine::known;
            case "unknown" -> ModeMachine::unknown;
            case "stop" -> m -> Optional.of(m.stop());
            case "resume" -> m -> Optional.of(m.resume());
            case "release" -> m -> Optional.of(m.release(1, true));
            default -> throw new IllegalArgumentException(name);
        };
    }

    /**
     * Expected: the mode after the trigger, {@code same} for a trigger that is allowed but changes
     * no mode, or {@code refused} with the start of the message.
     */
    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @CsvSource({
        "ENROLLING, enrolled, NORMAL",
        "ENROLLING, known,    refused: expected ALERT for known face but was ENROLLING",
        "ENROLLING, unknown,  refused: expected ALERT for unknown face but was ENROLLING",
        "ENROLLING, stop,     STOPPED",
        "ENROLLING, resume,   refused: expected STOPPED for resume but was ENROLLING",
        "ENROLLING, release,  refused: expected BLOCKED for release but was ENROLLING",
        "NORMAL,    enrolled, refused: expected ENROLLING for enrolled but was NORMAL",
        "NORMAL,    known,    same",
        "NORMAL,    unknown,  ALERT",
        "NORMAL,    stop,     STOPPED",
        "NORMAL,    resume,   refused: expected STOPPED for resume but was NORMAL",
        "NORMAL,    release,  refused: expected BLOCKED for release but was NORMAL",
        "ALERT,     enrolled, refused: expected ENROLLING for enrolled but was ALERT",
        "ALERT,     known,    NORMAL",
        "ALERT,     unknown,  same",
        "ALERT,     stop,     STOPPED",
        "ALERT,     resume,   refused: expected STOPPED for resume but was ALERT",
        "ALERT,     release,  refused: expected BLOCKED for release but was ALERT",
        "BLOCKED,   enrolled, refused: expected ENROLLING for enrolled but was BLOCKED",
        "BLOCKED,   known,    refused: expected ALERT for known face but was BLOCKED",
        "BLOCKED,   unknown,  refused: expected ALERT for unknown face but was BLOCKED",
        "BLOCKED,   stop,     refused: expected any mode but STOPPED or BLOCKED for stop but was BLOCKED",
        "BLOCKED,   resume,   refused: expected STOPPED for resume but was BLOCKED",
        "BLOCKED,   release,  NORMAL",
        "STOPPED,   enrolled, refused: expected ENROLLING for enrolled but was STOPPED",
        "STOPPED,   known,    refused: expected ALERT for known face but was STOPPED",
        "STOPPED,   unknown,  refused: expected ALERT for unknown face but was STOPPED",
        "STOPPED,   stop,     refused: expected any mode but STOPPED or BLOCKED for stop but was STOPPED",
        "STOPPED,   resume,   NORMAL",
        "STOPPED,   release,  refused: expected BLOCKED for release but was STOPPED",
    })
    void everyTrigger_inEveryMode(CameraMode from, String trigger, String expected) {
        ModeMachine m = in(from);
        int alertsBefore = m.alerts();
        if (expected.startsWith("refused: ")) {
            IllegalTransitionException e = assertThrows(
                    IllegalTransitionException.class, () -> trigger(trigger).apply(m));
            assertEquals(expected.substring("refused: ".length()), e.getMessage());
            assertEquals(from, m.mode(), "a refused trigger changes nothing");
            assertEquals(alertsBefore, m.alerts(), "a refused trigger changes nothing");
        } else if (expected.equals("same")) {
            assertEquals(Optional.empty(), trigger(trigger).apply(m));
            assertEquals(from, m.mode());
        } else {
            Transition t = trigger(trigger).apply(m).orElseThrow();
            assertEquals(from, t.from());
            assertEquals(CameraMode.valueOf(expected), t.to());
            assertEquals(t.to(), m.mode());
            assertEquals(t.alertCount(), m.alerts());
        }
    }

    @Test
    void maxAlerts_configured_blocksAtThatCount() {
        for (int limit : new int[] {2, 3, 7, 12}) {
            ModeMachine m = normal(limit);
            for (int i = 1; i < limit; i++) {
                m.unknown();
                assertEquals(CameraMode.ALERT, m.mode(), "alert " + i + " of " + limit);
            }
            Transition t = m.unknown().orElseThrow();
            assertEquals(CameraMode.BLOCKED, t.to());
            assertEquals(limit, t.alertCount());
        }
    }

    @Test
    void blocked_endsOnlyByRelease_notByKnownFacesOrStopResume() {
        ModeMachine m = normal(2);
        m.unknown();
        m.unknown();
        assertThrows(IllegalTransitionException.class, m::known);
        assertThrows(IllegalTransitionException.class, m::stop);
        assertThrows(IllegalTransitionException.class, m::resume);
        assertEquals(CameraMode.NORMAL, m.release(1, true).to());
    }

    private static ModeMachine normal(int maxAlerts) {
        ModeMachine m = new ModeMachine(maxAlerts);
        m.enrolled();
        return m;
    }

    @Test
    void enrolled_fromEnrolling_goesNormal() {
        ModeMachine m = new ModeMachine(12);
        Transition t = m.enrolled();
        assertEquals(new Transition(CameraMode.ENROLLING, CameraMode.NORMAL, 0, "enrolled"), t);
    }

    @Test
    void enrolled_twice_throwsExpectedEnrolling() {
        ModeMachine m = normal(12);
        IllegalTransitionException e = assertThrows(IllegalTransitionException.class, m::enrolled);
        assertEquals("expected ENROLLING for enrolled but was NORMAL", e.getMessage());
    }

    @Test
    void known_inNormal_changesNothing() {
        ModeMachine m = normal(12);
        assertEquals(Optional.empty(), m.known());
        assertEquals(CameraMode.NORMAL, m.mode());
    }

    @Test
    void unknown_inNormal_entersAlertAsAlertOne() {
        ModeMachine m = normal(12);
        Transition t = m.unknown().orElseThrow();
        assertEquals(CameraMode.ALERT, t.to());
        assertEquals(1, t.alertCount());
    }

    @Test
    void unknown_inAlert_countsWithoutTransition() {
        ModeMachine m = normal(12);
        m.unknown();
        assertEquals(Optional.empty(), m.unknown());
        assertEquals(2, m.alerts());
        assertEquals(CameraMode.ALERT, m.mode());
    }

    @Test
    void unknown_twelfthSighting_blocks() {
        ModeMachine m = normal(12);
        Optional<Transition> last = Optional.empty();
        for (int i = 0; i < 12; i++) {
            Optional<Transition> t = m.unknown();
            if (t.isPresent()) {
                last = t;
            }
        }
        assertEquals(CameraMode.BLOCKED, last.orElseThrow().to());
        assertEquals(12, last.get().alertCount());
    }

    @Test
    void known_inAlert_returnsNormalAndResetsCount() {
        ModeMachine m = normal(12);
        m.unknown();
        m.unknown();
        Transition t = m.known().orElseThrow();
        assertEquals(CameraMode.NORMAL, t.to());
        assertEquals(0, m.alerts());
    }

    @Test
    void unknown_inBlocked_throws() {
        ModeMachine m = normal(1);
        m.unknown();
        assertEquals(CameraMode.BLOCKED, m.mode());
        assertThrows(IllegalTransitionException.class, m::unknown);
        assertThrows(IllegalTransitionException.class, m::known);
    }

    @Test
    void release_fromBlocked_goesNormal() {
        ModeMachine m = normal(1);
        m.unknown();
        Transition t = m.release(1, true);
        assertEquals(CameraMode.NORMAL, t.to());
        assertEquals(0, m.alerts());
    }

    @Test
    void release_whenNotBlocked_throwsExpectedBlocked() {
        ModeMachine m = normal(12);
        IllegalTransitionException e = assertThrows(IllegalTransitionException.class, () -> m.release(1, true));
        assertEquals("expected BLOCKED for release but was NORMAL", e.getMessage());
    }

    @Test
    void stop_fromNormal_thenResume_returnsNormal() {
        ModeMachine m = normal(12);
        assertEquals(CameraMode.STOPPED, m.stop().to());
        assertEquals(CameraMode.NORMAL, m.resume().to());
    }

    @Test
    void stop_fromEnrolling_thenResume_returnsEnrolling() {
        ModeMachine m = new ModeMachine(12);
        m.stop();
        assertEquals(CameraMode.ENROLLING, m.resume().to());
    }

    @Test
    void stop_fromAlert_thenResume_returnsAlertWithTheSameCount() {
        ModeMachine m = normal(12);
        m.unknown();
        m.unknown();
        m.unknown();
        assertEquals(3, m.stop().alertCount());
        Transition t = m.resume();
        assertEquals(CameraMode.ALERT, t.to());
        assertEquals(3, t.alertCount());
    }

    @Test
    void stopResumeEveryFewAlerts_stillBlocksAtTheLimit() {
        ModeMachine m = normal(12);
        for (int i = 0; i < 11; i++) {
            m.unknown();
            if (i % 3 == 2) {
                m.stop();
                m.resume();
            }
        }
        assertEquals(CameraMode.ALERT, m.mode());
        assertEquals(CameraMode.BLOCKED, m.unknown().orElseThrow().to());
    }

    @Test
    void stop_fromBlocked_isRefused_theBlockHoldsEverything() {
        ModeMachine m = normal(1);
        m.unknown();
        assertThrows(IllegalTransitionException.class, m::stop);
        assertEquals(CameraMode.BLOCKED, m.mode());
    }

    @Test
    void release_withEpochNotAboveTheBlocks_isRefused() {
        ModeMachine m = normal(1);
        m.epochShown(4);
        m.unknown();
        IllegalTransitionException e = assertThrows(IllegalTransitionException.class, () -> m.release(4, true));
        assertEquals("expected a release epoch above 4 (the block's) but was 4", e.getMessage());
        assertEquals(CameraMode.BLOCKED, m.mode());
        assertEquals(CameraMode.NORMAL, m.release(5, true).to());
        assertEquals(5, m.releaseEpoch());
    }

    @Test
    void welcomeEpoch_liftsABlockOnlyWhenAboveTheBlocks() {
        ModeMachine m = normal(1);
        m.epochShown(2);
        m.unknown();
        assertFalse(m.epochShown(2), "the epoch the camera blocked under does not lift it");
        assertTrue(m.epochShown(3), "a release authorised after the block does");
    }

    @Test
    void welcome_withoutEpochs_neverLiftsABlock() {
        ModeMachine m = normal(1);
        m.unknown();
        assertThrows(IllegalTransitionException.class, () -> m.release(0, false));
        assertEquals(CameraMode.BLOCKED, m.mode());
    }

    @Test
    void restore_blocked_comesBackBlockedAfterEnrolment_withItsEpoch() {
        ModeMachine m = new ModeMachine(12);
        m.restore(new ModeRecord(CameraMode.BLOCKED, null, 12, 7, 7));
        Transition t = m.enrolled();
        assertEquals(CameraMode.BLOCKED, t.to());
        assertEquals(12, t.alertCount());
        assertFalse(m.epochShown(7));
        assertTrue(m.epochShown(8));
    }

    @Test
    void restore_blocked_releasedWhileDown_enrolsToNormal() {
        ModeMachine m = new ModeMachine(12);
        m.restore(new ModeRecord(CameraMode.BLOCKED, null, 12, 7, 7));
        assertFalse(m.epochShown(8));
        assertEquals(CameraMode.NORMAL, m.enrolled().to());
        assertEquals(8, m.releaseEpoch());
    }

    @Test
    void restore_unknownBlockEpoch_onlyAReleaseCommandLiftsIt() {
        ModeMachine m = new ModeMachine(12);
        m.restore(new ModeRecord(CameraMode.BLOCKED, null, 0, 0, ModeRecord.UNKNOWN));
        m.enrolled();
        assertFalse(m.epochShown(100));
        assertThrows(IllegalTransitionException.class, () -> m.release(100, false));
        assertEquals(CameraMode.NORMAL, m.release(100, true).to());
    }

    @Test
    void restore_alertWithCount_comesBackInAlert() {
        ModeMachine m = new ModeMachine(12);
        m.restore(new ModeRecord(CameraMode.ALERT, null, 9, 0, ModeRecord.UNKNOWN));
        Transition t = m.enrolled();
        assertEquals(CameraMode.ALERT, t.to());
        assertEquals(9, m.alerts());
        m.unknown();
        m.unknown();
        assertEquals(CameraMode.BLOCKED, m.unknown().orElseThrow().to());
    }

    @Test
    void restore_normal_startsAfresh() {
        ModeMachine m = new ModeMachine(12);
        m.restore(new ModeRecord(CameraMode.NORMAL, null, 0, 3, ModeRecord.UNKNOWN));
        assertEquals(CameraMode.NORMAL, m.enrolled().to());
        assertEquals(3, m.releaseEpoch());
    }

    @Test
    void stop_whenStopped_throws() {
        ModeMachine m = normal(12);
        m.stop();
        assertThrows(IllegalTransitionException.class, m::stop);
    }

    @Test
    void resume_whenNotStopped_throwsExpectedStopped() {
        ModeMachine m = normal(12);
        IllegalTransitionException e = assertThrows(IllegalTransitionException.class, m::resume);
        assertEquals("expected STOPPED for resume but was NORMAL", e.getMessage());
    }

    @Test
    void recognition_inStopped_throws() {
        ModeMachine m = normal(12);
        m.stop();
        assertThrows(IllegalTransitionException.class, m::unknown);
        assertThrows(IllegalTransitionException.class, m::known);
    }

    @Test
    void constructor_zeroAlerts_rejected() {
        assertThrows(IllegalArgumentException.class, () -> new ModeMachine(0));
    }

    @Test
    void unknown_inNormalWithLimitOne_blocksAtOnce() {
        ModeMachine m = normal(1);
        Transition t = m.unknown().orElseThrow();
        assertEquals(CameraMode.BLOCKED, t.to());
        assertEquals(1, t.alertCount());
    }
}
