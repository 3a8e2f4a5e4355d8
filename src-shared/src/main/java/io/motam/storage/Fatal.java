package io.motam.storage;

import java.io.IOException;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * What a process does when a file it promised to keep can no longer be trusted: a failed fsync
 * leaves it unknown which bytes reached the disk (the kernel may have dropped the dirty pages and
 * cleared the error), so carrying on could acknowledge lost data or hand out a number twice.
 * {@link #stop} logs one ERROR line naming the file, then halts the process with
 * {@value #EXIT_STATUS}; the service manager starts it again and recovery reads what is really
 * on disk.
 */
public final class Fatal {
    private static final Logger LOG = Logger.getLogger(Fatal.class);
    /** The exit status after a storage failure ({@code EX_IOERR} of sysexits.h). */
    public static final int EXIT_STATUS = 74;

    /** Ends the process; {@link Runtime#halt} unless a test observes the stop instead. */
    @FunctionalInterface
    public interface Stop {
        void stop(int status);
    }

    private static final Stop HALT = status -> Runtime.getRuntime().halt(status);
    private static volatile Stop stop = HALT;

    private Fatal() {}

    /**
     * Logs that {@code step} failed on {@code file} and stops the process. Returns only when a
     * test replaced the stop ({@link #replaceStop}); the caller then throws what it returns, so
     * that nothing after the failure is acknowledged.
     */
    public static FatalStorageException stop(Path file, String step, IOException cause) {
        LOG.errorf(
                "%s: %s failed (%s): stopping the process (exit %d) so that it restarts from what is on disk",
                file, step, cause.getMessage(), EXIT_STATUS);
        System.err.flush();
        stop.stop(EXIT_STATUS);
        return new FatalStorageException(file + ": " + step + " failed; the process was told to stop", cause);
    }

    /** Replaces how the process stops (fault-injection tests only); returns the previous one. */
    public static Stop replaceStop(Stop replacement) {
        Stop previous = stop;
        stop = replacement == null ? HALT : replacement;
        return previous;
    }

    /** A storage failure after which the process must not go on (seen only where the stop returned). */
    public static final class FatalStorageException extends IOException {
        public FatalStorageException(String message, IOException cause) {
            super(message, cause);
        }
    }
}
