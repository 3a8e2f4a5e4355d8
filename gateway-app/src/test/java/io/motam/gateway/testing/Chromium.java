package io.motam.gateway.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's real headless Chromium, run as a process: the page's DOM after load, or a screenshot. */
public final class Chromium {
    public static final Path BINARY = Path.of("/usr/bin/chromium");
    private final Path work;

    public Chromium(Path work) {
        this.work = work;
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** The DOM after the page loaded ({@code --dump-dom}). */
    public String dumpDom(String url) throws IOException, InterruptedException {
        return new String(run(List.of("--dump-dom", url), "dom"), StandardCharsets.UTF_8);
    }

    /** A PNG screenshot of the page at 1000x1400. */
    public Path screenshot(String url, String name) throws IOException, InterruptedException {
        Path png = work.resolve(name + ".png");
        run(List.of("--window-size=1000,1400", "--screenshot=" + png, url), name);
        if (!Files.isRegularFile(png)) {
            throw new IOException("chromium wrote no screenshot; see " + work.resolve(name + ".log"));
        }
        return png;
    }

    private byte[] run(List<String> args, String name) throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path profile = Files.createTempDirectory(work, "profile-");
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        cmd.addAll(args);
        Path out = work.resolve(name + ".out");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                .redirectError(work.resolve(name + ".log").toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("chromium did not finish within 90 s");
        }
        return Files.readAllBytes(out);
    }
}
