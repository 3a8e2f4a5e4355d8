package io.motam.gateway.testing;

import io.motam.testing.Required;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's real headless Chromium, run as a process: the page's DOM after load, or a screenshot.
 * Found on {@code PATH}; when it is missing the test fails in CI and is skipped elsewhere.
 */
public final class Chromium {
    private final Path work;

    public Chromium(Path work) {
        this.work = work;
    }

    /** The {@code chromium} executable; fails (CI) or skips (elsewhere) the test without it. */
    public static Path require() {
        return Required.command("chromium", "chromium");
    }

    /** The DOM after the page loaded ({@code --dump-dom}). */
    public String dumpDom(String url) throws IOException, InterruptedException {
        return new String(run(List.of("--dump-dom", url), "dom"), StandardCharsets.UTF_8);
    }

    /**
     * A PNG screenshot of the page at 1000x1400, taken once the page has been idle for a second of
     * virtual time (less than the page's own refresh), so that images are decoded and painted.
     */
    public Path screenshot(String url, String name) throws IOException, InterruptedException {
        Path png = work.resolve(name + ".png");
        Files.deleteIfExists(png);
        run(List.of("--window-size=1000,1400", "--virtual-time-budget=1000", "--screenshot=" + png, url), name);
        if (!Files.isRegularFile(png)) {
            throw new IOException("chromium wrote no screenshot; see " + work.resolve(name + ".log"));
        }
        return png;
    }

    private byte[] run(List<String> args, String name) throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path profile = Files.createTempDirectory(work, "profile-");
        List<String> cmd = new ArrayList<>(List.of(
                require().toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile));
        cmd.addAll(args);
        Path out = work.resolve(name + ".out");
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(work.resolve(name + ".log").toFile())
                .start();
        try {
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IOException("chromium did not finish within 90 s; see " + work.resolve(name + ".log"));
            }
            return Files.readAllBytes(out);
        } finally {
            p.waitFor(10, TimeUnit.SECONDS);
            deleteTree(profile); // a fresh profile is some 2 MB; 4 runs per test would pile up in target/
        }
    }

    /** Best effort: a file a late child process still writes stays for {@code mvn clean}. */
    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // left in target/
        }
    }
}
