package io.motam.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** One packaged MOTAM application ({@code quarkus-run.jar}) running as a child process. */
public final class AppProcess implements AutoCloseable {
    private final String name;
    private final Process process;

    private AppProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /**
     * Starts {@code <repo>/<module>/target/quarkus-app/quarkus-run.jar} with the given
     * {@code -D} properties; every output line goes to {@code sink}, prefixed with the name.
     */
    public static AppProcess start(
            String name, Path repo, String module, Map<String, String> properties, Consumer<String> sink)
            throws IOException {
        return start(name, repo, module, List.of("-Xmx256m"), Map.of(), properties, sink);
    }

    /** As {@link #start(String, Path, String, Map, Consumer)}, with these JVM options instead of {@code -Xmx256m}. */
    public static AppProcess start(
            String name,
            Path repo,
            String module,
            List<String> jvmOptions,
            Map<String, String> properties,
            Consumer<String> sink)
            throws IOException {
        return start(name, repo, module, jvmOptions, Map.of(), properties, sink);
    }

    /**
     * As {@link #start(String, Path, String, Map, Consumer)} with the given JVM options (before
     * the {@code -D} properties) and extra environment variables for the child.
     */
    public static AppProcess start(
            String name,
            Path repo,
            String module,
            List<String> jvmOptions,
            Map<String, String> environment,
            Map<String, String> properties,
            Consumer<String> sink)
            throws IOException {
        Path jar = repo.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar + " is missing: build first with mvn -B package -DskipTests");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(jar.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(environment);
        Process p = pb.start();
        Thread pump = new Thread(
                () -> {
                    try (BufferedReader r =
                            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            sink.accept(name + " | " + line);
                        }
                    } catch (IOException ignored) {
                        // the process ended
                    }
                },
                name + "-output");
        pump.setDaemon(true);
        pump.start();
        return new AppProcess(name, p);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The operating system's process id of the JVM. */
    public long pid() {
        return process.pid();
    }

    public String name() {
        return name;
    }

    /** Ends the process like {@code kill -9}: no shutdown hooks, no clean MQTT disconnect. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
