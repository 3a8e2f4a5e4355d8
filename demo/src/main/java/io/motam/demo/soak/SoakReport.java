package io.motam.demo.soak;

import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The outcome of one soak run: what the camera numbered, what the gateway journaled and stored,
 * what an independent MQTT subscriber saw. The run is clean when no event is lost or duplicated
 * at the journal and no app ended on its own; MQTT repeats (at-least-once) are reported apart.
 *
 * @param events          the camera's numbering against the journal
 * @param damagedLines    journal lines that are not an entry
 * @param unexpectedExits app processes that ended without being killed by the soak
 */
record SoakReport(
        long seed,
        Map<Fault, Integer> faults,
        Duration elapsed,
        EventTally events,
        long damagedLines,
        BackupScan files,
        long filesQueued,
        MqttTally.Counts mqtt,
        Map<String, Integer> unexpectedExits) {

    long sent() {
        return events.sent();
    }

    long received() {
        return events.received();
    }

    long lost() {
        return events.lost();
    }

    long duplicated() {
        return events.duplicated();
    }

    long queued() {
        return events.queued();
    }

    long beyond() {
        return events.beyond();
    }

    boolean clean() {
        return lost() == 0 && duplicated() == 0 && beyond() == 0 && damagedLines == 0 && unexpectedExits.isEmpty();
    }

    int faultCount() {
        return faults.values().stream().mapToInt(Integer::intValue).sum();
    }

    void print(PrintStream out) {
        Map<Fault, Integer> f = new EnumMap<>(Fault.class);
        f.putAll(faults);
        String mix = f.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().label)
                .collect(Collectors.joining(", "));
        out.printf("soak summary: seed %d, %d faults (%s), %d s%n", seed, faultCount(), mix, elapsed.toSeconds());
        row(out, "events sent (camera's last sequence)", sent(), "");
        row(out, "events received at the journal", received(), "");
        row(out, "events lost (gaps)", lost(), "");
        row(out, "events duplicated at the journal", duplicated(), "");
        row(out, "events still queued at the camera", queued(), "(on disk, sent at its next connection)");
        if (beyond() > 0 || damagedLines > 0) {
            row(out, "journal numbers above the camera's last", beyond(), "");
            row(out, "damaged journal lines", damagedLines, "");
        }
        row(out, "files stored (backup index)", files.stored(), files.byKind().toString());
        if (files.missing() > 0 || files.sameContent() > 0) {
            row(out, "stored files missing on disk", files.missing(), "");
            row(out, "files stored again with the same content", files.sameContent(), "");
        }
        row(out, "files still queued at the camera", filesQueued, "");
        row(out, "MQTT messages received (events/#)", mqtt.messages(), "");
        row(
                out,
                "MQTT distinct events",
                mqtt.distinct(),
                "(camera events " + mqtt.cameraEvents() + " of " + received() + " journaled)");
        row(out, "MQTT repeats (at-least-once)", mqtt.repeats(), "");
        if (!unexpectedExits.isEmpty()) {
            out.println("  apps that ended on their own: " + unexpectedExits);
        }
        out.println(
                clean()
                        ? "soak: PASS (0 lost, 0 duplicated)"
                        : "soak: FAIL (" + lost() + " lost, " + duplicated() + " duplicated"
                                + (beyond() > 0 ? ", " + beyond() + " above the camera's numbering" : "")
                                + (unexpectedExits.isEmpty() ? "" : ", apps ended on their own")
                                + ")");
    }

    private static void row(PrintStream out, String what, long n, String note) {
        out.printf("  %-42s %8d  %s%n", what, n, note);
    }
}
