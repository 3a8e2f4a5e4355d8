package io.motam.camera.pipeline;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.motam.camera.config.RecognitionConfig;
import io.motam.camera.config.TestConfig;
import io.motam.camera.evidence.FileDispatch;
import io.motam.camera.pairing.QrFrameScanner;
import io.motam.camera.recognition.FaceEngine;
import io.motam.camera.recognition.ModelBackup;
import io.motam.camera.recognition.Recogniser;
import io.motam.camera.recognition.embedding.EmbeddingEngine;
import io.motam.camera.tracking.FaceTracker;
import io.motam.camera.tracking.TrackerSettings;
import io.motam.camera.vision.FaceData;
import io.motam.camera.vision.Footage;
import io.motam.camera.vision.detect.FaceBox;
import io.motam.camera.vision.detect.FaceFinder;
import io.motam.camera.vision.source.CapturedFrame;
import io.motam.camera.vision.source.FrameSource;
import io.motam.camera.vision.source.FrameSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Benchmark (not a test) of the camera's per-frame work at 640x480 with the real pipeline
 * classes and the application's default {@code motam.recognition.*} settings (override one with
 * {@code -Dbench.<key>=<value>}, e.g. {@code -Dbench.detect-width=640}), for each engine and
 * detector: embedding with the ONNX detector (the default when the model files are present),
 * embedding with the LBP cascade, LBPH with the LBP cascade (the default without them) and LBPH with
 * the ONNX detector. Per configuration: detection, tracking and recognition (the engine's sample,
 * distance and continuous learning) as the camera does it, one recognition per check (every 15th
 * frame: the 3 s alert interval at 5 frames a second, the busiest case) and with every frame
 * recognised; the time of one face's sample (for the embedding: landmarks, alignment, embedding);
 * and the compute of one enrolment (50 samples: detection, sample, threshold calibration,
 * training). Times are CPU time of the one thread (OpenCV runs one thread when pinned to one core),
 * which a machine shared with other work disturbs far less than wall-clock time (also printed).
 * Frames of franck.mp4 are scaled up to 640x480 and held in memory, so decoding is not
 * measured. The model files come from {@code -Dbench.model-dir}, else {@code camera-app/target/face-models}
 * (fetched if needed). Run on one core, as in docs/benchmarks.md:
 *
 * <pre>
 *   mvn -B -o -q -pl camera-app -am package -DskipTests
 *   cd camera-app &amp;&amp; taskset -c 0 java -Dmotam.footage.dir=../target/footage \
 *       -cp 'target/test-classes:target/classes:target/quarkus-app/lib/main/*:target/quarkus-app/lib/boot/*' \
 *       io.motam.camera.pipeline.VisionBenchmark [frames-measured]
 * </pre>
 */
public final class VisionBenchmark {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    private static final int LOADED = 240;
    private static final int WARMUP = 100;
    /** Frames between two recognitions in the busiest camera case: 3 s at 5 frames a second. */
    private static final int CHECK_EVERY = 15;
    /** CPU time of the measuring thread: OpenCV runs one thread on one core, so it is all the work. */
    private static final java.lang.management.ThreadMXBean CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private VisionBenchmark() {}

    public static void main(String[] args) throws Exception {
        int measured = args.length > 0 ? Integer.parseInt(args[0]) : 1200;
        List<Mat> frames = load();
        System.out.printf(
                Locale.ROOT,
                "frames: %d of franck.mp4 scaled to %dx%d; cpus visible %d; OpenCV threads %d%n",
                frames.size(),
                WIDTH,
                HEIGHT,
                Runtime.getRuntime().availableProcessors(),
                opencv_core.getNumThreads());
        try {
            Map<String, String> overrides = new HashMap<>();
            System.getProperties().stringPropertyNames().stream()
                    .filter(k -> k.startsWith("bench."))
                    .forEach(k -> overrides.put(k.substring("bench.".length()), System.getProperty(k)));
            overrides.putIfAbsent("model-dir", FaceData.models().toString());
            System.out.printf(Locale.ROOT, "settings: application defaults with %s%n", overrides);
            for (String[] c : new String[][] {
                {"embedding", "onnx"}, {"embedding", "cascade"}, {"lbph", "cascade"}, {"lbph", "onnx"}
            }) {
                Map<String, String> values = new HashMap<>(overrides);
                values.put("engine", c[0]);
                values.put("detector", c[1]);
                try (VisionFactory.Vision vision = VisionFactory.open(TestConfig.of(RecognitionConfig.class, values))) {
                    run(c[0] + " + " + vision.finder().describe(), vision, frames, measured);
                }
            }
            qr(frames);
        } finally {
            frames.forEach(Mat::close);
        }
    }

    private static List<Mat> load() throws Exception {
        List<Mat> frames = new ArrayList<>();
        try (FrameSource source = FrameSources.open(Footage.file(Footage.FRANCK).toString());
                Size size = new Size(WIDTH, HEIGHT)) {
            int index = 0;
            for (Optional<CapturedFrame> f = source.next();
                    f.isPresent() && frames.size() < LOADED;
                    f = source.next(), index++) {
                try (CapturedFrame frame = f.get()) {
                    if (index % 20 == 0) {
                        Mat big = new Mat();
                        resize(frame.bgr(), big, size, 0, 0, INTER_LINEAR);
                        frames.add(big);
                    }
                }
            }
        }
        return frames;
    }

    private static void run(String name, VisionFactory.Vision vision, List<Mat> frames, int measured) throws Exception {
        Path tmp = Files.createTempDirectory("motam-bench");
        FileDispatch none = (k, f) -> {};
        FaceFinder detector = vision.finder();
        FaceEngine engine = vision.engine();
        try {
            long start = System.nanoTime();
            long enrolCpu = CPU.getCurrentThreadCpuTime();
            double threshold;
            try (Enrolment enrolment = new Enrolment(detector, engine, 50, 0)) {
                for (int i = 0; !enrolment.complete(); i++) {
                    try (CapturedFrame f =
                            new CapturedFrame(frames.get(i % frames.size()).clone(), i * 500_000L, "b")) {
                        enrolment.offer(f);
                    }
                }
                threshold = enrolment.finish(Optional.empty());
            }
            double enrolMs = (System.nanoTime() - start) / 1e6;
            double enrolCpuMs = (CPU.getCurrentThreadCpuTime() - enrolCpu) / 1e6;
            System.out.printf(
                    Locale.ROOT,
                    "%s: enrolment of 50 samples %.0f ms CPU time, %.0f ms wall-clock (threshold" + " %.3f)%n",
                    name,
                    enrolCpuMs,
                    enrolMs,
                    threshold);
            for (int every : new int[] {CHECK_EVERY, 1}) {
                FaceTracker tracker = new FaceTracker(TrackerSettings.defaults());
                try (Recogniser recogniser =
                        new Recogniser(engine, threshold, 10, 0.85, new ModelBackup(tmp, none, Duration.ofDays(1)))) {
                    double[] detectMs = new double[measured];
                    double[] totalMs = new double[measured];
                    long cpuStart = 0;
                    List<Double> sampleMs = new ArrayList<>();
                    int known = 0;
                    int checks = 0;
                    for (int i = -WARMUP; i < measured; i++) {
                        Mat frame = frames.get(Math.floorMod(i, frames.size()));
                        if (i == 0) {
                            cpuStart = CPU.getCurrentThreadCpuTime();
                        }
                        long t0 = System.nanoTime();
                        List<FaceBox> faces = detector.detect(frame);
                        long t1 = System.nanoTime();
                        tracker.update(faces, (i + WARMUP) * 200_000L, WIDTH, HEIGHT);
                        if (faces.size() == 1 && Math.floorMod(i, every) == 0) {
                            if (recogniser.identify(frame, faces.get(0)).verdict() == io.motam.domain.Verdict.KNOWN
                                    && i >= 0) {
                                known++;
                            }
                            checks += i >= 0 ? 1 : 0;
                        }
                        long t2 = System.nanoTime();
                        if (i >= 0) {
                            detectMs[i] = (t1 - t0) / 1e6;
                            totalMs[i] = (t2 - t0) / 1e6;
                            if (every == 1 && faces.size() == 1 && i < 300) {
                                long s0 = CPU.getCurrentThreadCpuTime();
                                engine.sample(frame, faces.get(0)).close();
                                sampleMs.add((CPU.getCurrentThreadCpuTime() - s0) / 1e6);
                            }
                        }
                    }
                    double cpuMs = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e6
                            - sampleMs.stream().mapToDouble(Double::doubleValue).sum();
                    double total = Arrays.stream(totalMs).sum();
                    System.out.printf(
                            Locale.ROOT,
                            "%s, recognising %s: %.1f fps of CPU time (%.1f ms per frame), %.1f fps wall-clock over %d"
                                    + " frames (per frame median %.1f ms, p95 %.1f ms; detection alone median %.1f ms);"
                                    + " %d checks, known %d, learnt %d, model %d samples%n",
                            name,
                            every == 1 ? "every frame" : "every " + every + "th frame",
                            measured / (cpuMs / 1000),
                            cpuMs / measured,
                            measured / (total / 1000),
                            measured,
                            pct(totalMs, 0.5),
                            pct(totalMs, 0.95),
                            pct(detectMs, 0.5),
                            checks,
                            known,
                            recogniser.learnt(),
                            engine.size());
                    if (!sampleMs.isEmpty()) {
                        double[] sm = sampleMs.stream()
                                .mapToDouble(Double::doubleValue)
                                .toArray();
                        System.out.printf(
                                Locale.ROOT,
                                "%s: one face's sample (%s), CPU time median %.1f ms, p95 %.1f ms%n",
                                name,
                                engine instanceof EmbeddingEngine
                                        ? "landmarks + alignment + embedding"
                                        : "crop + CLAHE",
                                pct(sm, 0.5),
                                pct(sm, 0.95));
                    }
                }
            }
        } finally {
            try (var files = Files.walk(tmp)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void qr(List<Mat> frames) {
        QrFrameScanner scanner = new QrFrameScanner(0, QrFrameScanner.DEFAULT_MAX_WIDTH);
        long start = System.nanoTime();
        int n = 50;
        for (int i = 0; i < n; i++) {
            scanner.scan(frames.get(i), i);
        }
        System.out.printf(
                Locale.ROOT,
                "QR scan of a 640x480 frame without a code: %.1f ms%n",
                (System.nanoTime() - start) / 1e6 / n);
    }

    private static double pct(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }
}
