package io.motam.demo.soak;

import io.motam.demo.Footage;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The soak command: runs the packaged camera and gateway with a real mosquitto through random
 * faults (link cuts, gateway kill -9, camera kill -9, broker restarts), then prints events sent,
 * received, lost and duplicated at the journal, files stored and what an MQTT subscriber saw.
 * Exit status 0 when nothing was lost or duplicated, 1 otherwise, 2 on a usage error.
 *
 * <pre>
 *   scripts/soak.sh [--faults 100] [--seed N] [--min-gap 1s] [--max-gap 4s] [--patience 90s] [--work DIR]
 * </pre>
 *
 * The seed is printed first: the same seed picks the same faults in the same order (their exact
 * moments depend on the machine).
 */
public final class Soak {
    private Soak() {}

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(System.getProperty("motam.repo.dir", "."))
                .toAbsolutePath()
                .normalize();
        int faults = 100;
        long seed = System.nanoTime() & 0xFFFF_FFFFL;
        Duration minGap = Duration.ofSeconds(1);
        Duration maxGap = Duration.ofSeconds(4);
        Duration patience = Duration.ofSeconds(90);
        Path work = repo.resolve("target/soak");
        try {
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--faults" -> faults = Integer.parseInt(required(args[i], value));
                    case "--seed" -> seed = Long.parseLong(required(args[i], value));
                    case "--min-gap" -> minGap = duration(args[i], value);
                    case "--max-gap" -> maxGap = duration(args[i], value);
                    case "--patience" -> patience = duration(args[i], value);
                    case "--work" -> work = Path.of(required(args[i], value)).toAbsolutePath();
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
        } catch (IllegalArgumentException e) {
            System.err.println("soak: " + e.getMessage());
            System.err.println("usage: scripts/soak.sh [--faults 100] [--seed N] [--min-gap 1s] [--max-gap 4s] "
                    + "[--patience 90s] [--work DIR]");
            System.exit(2);
            return;
        }
        SoakOptions options = new SoakOptions(faults, seed, work, minGap, maxGap, patience);
        System.out.printf(
                "soak: %d faults, seed %d (repeat with: scripts/soak.sh --faults %d --seed %d)%n",
                faults, seed, faults, seed);
        Path footage = Footage.ensure(repo, repo.resolve("target/footage"));
        SoakReport report = new SoakRun(options, repo, footage, System.out).run();
        report.print(System.out);
        System.exit(report.clean() ? 0 : 1);
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException("expected a value after " + option + " but was none");
        }
        return value;
    }

    /** {@code 500ms}, {@code 4s} or {@code 2m}. */
    static Duration duration(String option, String value) {
        String v = required(option, value);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "expected a duration like 500ms, 4s or 2m after " + option + " but was " + v);
    }
}
