package io.motam.demo;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up and memory of the packaged gateway as systemd starts it: the JVM flags are read from
 * {@code deploy/systemd/motam-*.service} ({@code JAVA_OPTS}); when they name a class-data archive
 * ({@code -XX:SharedArchiveFile}) it is made first with {@code deploy/cds-archive.sh}, as
 * {@code install-pi.sh} does (into a temporary folder instead of {@code /var/lib/motam}). A real
 * mosquitto runs so that {@code /q/health/ready} (broker included) means what it means on a Pi.
 *
 * <p>Prints, per run, the time from starting the JVM to the first 200 from {@code /q/health/ready};
 * then, with the camera connected (footage at real speed) for {@code --settle} seconds, both
 * processes' resident set size (VmRSS). The first start of a data folder (key generation) is
 * run once unmeasured; the measured runs are restarts, as after a reboot.
 *
 * <pre>
 *   java -cp demo/target/classes:demo/target/lib/* io.motam.demo.StartupBench [--runs 5] [--settle 60]
 *        [--java /usr/lib/jvm/…/bin/java] [--gateway-opts "…"] [--camera-opts "…"] [--no-camera]
 * </pre>
 */
public final class StartupBench {
    private static final Pattern JAVA_OPTS = Pattern.compile("^Environment=\"JAVA_OPTS=(.*)\"$", Pattern.MULTILINE);
    private static final Pattern MALLOC = Pattern.compile("^Environment=MALLOC_ARENA_MAX=(\\d+)$", Pattern.MULTILINE);
    private static final Pattern ARCHIVE = Pattern.compile("-XX:SharedArchiveFile=(\\S+)");

    private StartupBench() {}

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(System.getProperty("motam.repo.dir", "."))
                .toAbsolutePath()
                .normalize();
        int runs = 5;
        int settle = 60;
        boolean camera = true;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String gatewayOpts = unitJavaOpts(repo, "gateway");
        String cameraOpts = unitJavaOpts(repo, "camera");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--settle" -> settle = Integer.parseInt(args[++i]);
                case "--java" -> java = args[++i];
                case "--gateway-opts" -> gatewayOpts = args[++i];
                case "--camera-opts" -> cameraOpts = args[++i];
                case "--no-camera" -> camera = false;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path tmp = Files.createTempDirectory("motam-startup-bench");
        List<AutoCloseable> toClose = new ArrayList<>();
        try {
            run(repo, tmp, java, gatewayOpts, cameraOpts, runs, settle, camera, toClose);
        } finally {
            Collections.reverse(toClose);
            for (AutoCloseable c : toClose) {
                c.close();
            }
        }
    }

    /** The JAVA_OPTS of {@code motam-<app>.service}. */
    public static String unitJavaOpts(Path repo, String app) throws IOException {
        String unit = Files.readString(repo.resolve("deploy/systemd/motam-" + app + ".service"));
        Matcher m = JAVA_OPTS.matcher(unit);
        if (!m.find()) {
            throw new IOException("expected an Environment=\"JAVA_OPTS=…\" line in motam-" + app + ".service");
        }
        return m.group(1);
    }

    /** The unit's environment for the JVM besides JAVA_OPTS: MALLOC_ARENA_MAX when it sets one. */
    public static Map<String, String> unitEnvironment(Path repo, String app) throws IOException {
        Matcher m = MALLOC.matcher(Files.readString(repo.resolve("deploy/systemd/motam-" + app + ".service")));
        return m.find() ? Map.of("MALLOC_ARENA_MAX", m.group(1)) : Map.of();
    }

    private static void run(
            Path repo,
            Path tmp,
            String java,
            String gatewayOpts,
            String cameraOpts,
            int runs,
            int settle,
            boolean withCamera,
            List<AutoCloseable> toClose)
            throws Exception {
        System.out.println("java: " + java + " (" + javaVersion(java) + ")");
        List<String> gwOpts = archived(repo, tmp, java, "gateway", gatewayOpts);
        System.out.println("gateway JAVA_OPTS: " + String.join(" ", gwOpts) + " " + unitEnvironment(repo, "gateway"));
        Mosquitto broker = Mosquitto.start(tmp.resolve("mosquitto"));
        toClose.add(broker);
        String hash = Launch.releaseCodeHash(repo, Launch.newReleaseCode());
        Path gwData = tmp.resolve("gateway");
        Map<String, String> gw =
                Launch.gateway("gw-bench", gwData, Launch.freePort(), "127.0.0.1", broker.port(), hash);
        int httpPort = Integer.parseInt(gw.get("motam.http.port"));
        List<String> output = Collections.synchronizedList(new ArrayList<>());

        try (AppProcess first = AppProcess.start(
                "gateway", repo, "gateway-app", gwOpts, unitEnvironment(repo, "gateway"), gw, output::add)) {
            System.out.printf("first start (keys made, unmeasured): ready after %d ms%n", readyMillis(first, httpPort));
        }
        long[] times = new long[runs];
        long[] cpu = new long[runs];
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            AppProcess p = AppProcess.start(
                    "gateway", repo, "gateway-app", gwOpts, unitEnvironment(repo, "gateway"), gw, output::add);
            times[r] = readyMillis(p, httpPort, t0);
            cpu[r] = cpuMillis(p.pid());
            System.out.printf(
                    "run %d: gateway ready (/q/health/ready 200, broker UP) after %d ms, %d ms of CPU; RSS then %d MB%n",
                    r + 1, times[r], cpu[r], rssMb(p.pid()));
            if (r < runs - 1 || !withCamera) {
                p.close();
                continue;
            }
            toClose.add(p);
            List<String> camOpts = archived(repo, tmp, java, "camera", cameraOpts);
            System.out.println("camera JAVA_OPTS: " + String.join(" ", camOpts));
            Path footage =
                    Footage.ensure(repo, Path.of(System.getProperty("motam.footage.dir", repo + "/target/footage")));
            Map<String, String> cam = Launch.camera(
                    "cam-bench",
                    tmp.resolve("camera"),
                    gwData,
                    footage.resolve("franck.mp4").toString(),
                    1.0);
            AppProcess c = AppProcess.start(
                    "camera", repo, "camera-app", camOpts, unitEnvironment(repo, "camera"), cam, output::add);
            toClose.add(c);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(settle);
            while (System.nanoTime() < until && c.isAlive() && p.isAlive()) {
                Thread.sleep(1_000);
            }
            String health = get(httpPort, "/q/health/ready");
            boolean connected = health.contains("\"cameras\": 1") || health.contains("\"cameras\":1");
            System.out.printf(
                    "after %d s with the camera %s: gateway RSS %d MB (%s), camera RSS %d MB (%s)%n",
                    settle,
                    connected ? "connected" : "NOT connected",
                    rssMb(p.pid()),
                    rssSplit(p.pid()),
                    rssMb(c.pid()),
                    rssSplit(c.pid()));
        }
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        long[] cpuSorted = cpu.clone();
        Arrays.sort(cpuSorted);
        System.out.printf(
                "gateway ready: min %d ms, median %d ms, max %d ms over %d runs; CPU to ready median %d ms%n",
                sorted[0], sorted[sorted.length / 2], sorted[sorted.length - 1], runs, cpuSorted[cpuSorted.length / 2]);
        Files.write(tmp.resolve("output.log"), List.copyOf(output));
        System.out.println("app output: " + tmp.resolve("output.log"));
    }

    /** The options with the unit's archive path moved into {@code tmp}, the archive made first. */
    private static List<String> archived(Path repo, Path tmp, String java, String app, String opts) throws Exception {
        List<String> list = new ArrayList<>(Arrays.asList(opts.trim().split("\\s+")));
        for (int i = 0; i < list.size(); i++) {
            Matcher m = ARCHIVE.matcher(list.get(i));
            if (!m.matches()) {
                continue;
            }
            Path archive = tmp.resolve(app + "-" + Path.of(m.group(1)).getFileName());
            list.set(i, "-XX:SharedArchiveFile=" + archive);
            List<String> train = new ArrayList<>(List.of(
                    repo.resolve("deploy/cds-archive.sh").toString(),
                    archive.toString(),
                    repo.resolve(app + "-app/target/quarkus-app/quarkus-run.jar")
                            .toString()));
            list.stream().filter(o -> !o.startsWith("-XX:SharedArchiveFile=")).forEach(train::add);
            // as install-pi.sh passes them (there the release code hash comes from the properties file)
            train.addAll(List.of("-Dmotam.link.transport=tcp", "-Dquarkus.http.port=0"));
            if (app.equals("gateway")) {
                train.addAll(List.of(
                        "-Dmotam.link.tcp.port=0",
                        "-Dmotam.mqtt.host=127.0.0.1",
                        "-Dmotam.mqtt.port=1",
                        "-Dmotam.gateway.release.code-hash=" + Launch.releaseCodeHash(repo, Launch.newReleaseCode())));
            }
            ProcessBuilder pb = new ProcessBuilder(train).inheritIO();
            pb.environment().put("JAVA", java);
            long t0 = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException("cds-archive.sh failed for " + app);
            }
            System.out.printf("%s archive made in %d ms%n", app, (System.nanoTime() - t0) / 1_000_000);
        }
        return list;
    }

    private static long readyMillis(AppProcess p, int port) throws Exception {
        return readyMillis(p, port, System.nanoTime());
    }

    private static long readyMillis(AppProcess p, int port, long t0) throws Exception {
        long deadline = t0 + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("the gateway exited before it was ready");
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/q/health/ready")
                        .toURL()
                        .openConnection();
                c.setConnectTimeout(200);
                c.setReadTimeout(2_000);
                int code = c.getResponseCode();
                c.disconnect();
                if (code == 200) {
                    return (System.nanoTime() - t0) / 1_000_000;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(10);
        }
        throw new IOException("the gateway was not ready within 120 s");
    }

    private static String get(int port, String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection)
                URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
        c.setConnectTimeout(1_000);
        c.setReadTimeout(5_000);
        try (var in = c.getResponseCode() < 400 ? c.getInputStream() : c.getErrorStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** User plus system CPU time a process has used, in ms (from /proc/PID/stat, 100 ticks a second). */
    static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // fields 14 and 15: utime, stime
    }

    /** VmRSS of a process in MB (MiB). */
    static long rssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        throw new IOException("no VmRSS for process " + pid);
    }

    /**
     * The resident set split as {@code /proc/PID/status} gives it: anonymous memory (heap, metaspace,
     * code, stacks, malloc) and file-backed pages (class-data archives, libjvm, jars), which the
     * kernel can drop and read again under memory pressure.
     */
    static String rssSplit(long pid) throws IOException {
        long anon = -1;
        long file = -1;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("RssAnon:")) {
                anon = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            } else if (line.startsWith("RssFile:")) {
                file = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return "anonymous " + anon + " MB, file-backed " + file + " MB";
    }

    private static String javaVersion(String java) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out.lines().findFirst().orElse("?");
    }

    /** A mosquitto on a free loopback port, anonymous, from its own config. */
    record Mosquitto(Process process, int port) implements AutoCloseable {
        static Mosquitto start(Path dir) throws IOException, InterruptedException {
            Files.createDirectories(dir);
            int port = Launch.freePort();
            Path conf = dir.resolve("mosquitto.conf");
            Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
            dir.toFile().setReadable(true, false);
            conf.toFile().setReadable(true, false);
            Process p = new ProcessBuilder("mosquitto", "-c", conf.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("mosquitto.log").toFile())
                    .start();
            for (int i = 0; i < 100; i++) {
                try (var s = new java.net.Socket("127.0.0.1", port)) {
                    return new Mosquitto(p, port);
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            p.destroyForcibly();
            throw new IOException(
                    "mosquitto did not open port " + port + ": " + Files.readString(dir.resolve("mosquitto.log")));
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
