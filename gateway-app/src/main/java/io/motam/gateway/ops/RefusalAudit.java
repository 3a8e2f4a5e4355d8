package io.motam.gateway.ops;

import io.motam.gateway.audit.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes refused commands to the audit log without letting a flood of them fill it: the first
 * refusal of a command from a source in a window is written at once; the next ones in that
 * window are only counted, and their number is written as one line when the window has passed
 * (at the next refusal or accepted command). At most {@link #MAX_KEYS} windows are open; the
 * oldest is written out to make room. Thread-safe.
 */
final class RefusalAudit {
    static final int MAX_KEYS = 64;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration window;
    private final Map<String, Window> open = new LinkedHashMap<>();

    private static final class Window {
        final Instant start;
        int repeated;
        String lastReason;

        Window(Instant start) {
            this.start = start;
        }
    }

    RefusalAudit(AuditLog audit, Clock clock, Duration window) {
        this.audit = audit;
        this.clock = clock;
        this.window = window;
    }

    /** A refused command: written now, or counted in its window. Returns whether it was written now. */
    synchronized boolean refused(String command, String source, String detail) {
        Instant now = clock.instant();
        flushExpired(now);
        String key = source + "/" + command;
        Window w = open.get(key);
        if (w != null) {
            w.repeated++;
            w.lastReason = detail;
            return false;
        }
        if (open.size() >= MAX_KEYS) {
            Iterator<Map.Entry<String, Window>> it = open.entrySet().iterator();
            Map.Entry<String, Window> oldest = it.next();
            it.remove();
            writeRepeats(oldest.getKey(), oldest.getValue());
        }
        open.put(key, new Window(now));
        audit.append("COMMAND_REFUSED", null, null, null, command + " (" + source + "): " + detail);
        return true;
    }

    /** Writes out the windows that have passed (call before an accepted command is written). */
    synchronized void flush() {
        flushExpired(clock.instant());
    }

    private void flushExpired(Instant now) {
        Iterator<Map.Entry<String, Window>> it = open.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Window> e = it.next();
            if (!now.isBefore(e.getValue().start.plus(window))) {
                it.remove();
                writeRepeats(e.getKey(), e.getValue());
            }
        }
    }

    private void writeRepeats(String key, Window w) {
        if (w.repeated > 0) {
            int slash = key.indexOf('/');
            audit.append(
                    "COMMAND_REFUSED_REPEATED",
                    null,
                    null,
                    null,
                    key.substring(slash + 1) + " ("
                            + key.substring(0, slash) + "): " + w.repeated + " more refused since " + w.start
                            + ", last: "
                            + w.lastReason);
        }
    }
}
