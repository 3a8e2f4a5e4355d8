package io.motam.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The one rule for tests that need something from outside the JVM (a broker, a bus, a browser,
 * a command-line tool): when the environment variable {@code CI} is {@code true} a missing tool
 * fails the test with its name and the Debian package that brings it; elsewhere the test is
 * skipped and the reason is logged and reported. Commands are looked up on {@code PATH}, as a
 * shell would ({@code .ci/run} puts the {@code sbin} folders on it for {@code mosquitto}).
 *
 * <p>Every module's tests take this class from {@code motam-shared}'s test jar.
 */
public final class Required {
    private static final Logger LOG = Logger.getLogger(Required.class);

    private Required() {}

    /** True when the environment variable {@code CI} is {@code true}: nothing may then be skipped. */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * The executable {@code name} on {@code PATH}; when it is missing the test fails (CI) or is
     * skipped (elsewhere), naming {@code debianPackage}.
     */
    public static Path command(String name, String debianPackage) {
        Optional<Path> found = onPath(name);
        if (found.isEmpty()) {
            missing(commandMissing(name, debianPackage));
        }
        return found.orElseThrow();
    }

    /**
     * The executable {@code name} on {@code PATH}, or empty for a caller that can go on without it
     * (outside CI only: in CI its absence fails like {@link #command}).
     */
    public static Optional<Path> find(String name, String debianPackage) {
        Optional<Path> found = onPath(name);
        if (found.isEmpty()) {
            String why = commandMissing(name, debianPackage);
            if (inCi()) {
                Assertions.fail(why + " (CI=true: nothing may be skipped)");
            }
            LOG.warnf("going on without it: %s", why);
        }
        return found;
    }

    /**
     * Something other than a command on {@code PATH} that the test needs (a Python module, a file
     * built in an earlier phase): {@code what} names it, {@code debianPackage} may be null.
     */
    public static void that(boolean present, String what, String debianPackage) {
        if (!present) {
            missing(what + " is missing" + (debianPackage == null ? "" : " (Debian package " + debianPackage + ")"));
        }
    }

    private static String commandMissing(String name, String debianPackage) {
        return name + " is not installed: no executable " + name + " on PATH (" + System.getenv("PATH")
                + "); install the Debian package " + debianPackage + " (.ci/run does)";
    }

    private static void missing(String why) {
        if (inCi()) {
            Assertions.fail(why + " (CI=true: nothing may be skipped)");
        }
        LOG.warnf("test skipped: %s (with CI=true this fails)", why);
        Assumptions.abort(why);
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
