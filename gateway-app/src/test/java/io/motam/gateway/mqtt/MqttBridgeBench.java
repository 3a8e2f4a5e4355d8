package io.motam.gateway.mqtt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.motam.gateway.journal.Cursor;
import io.motam.gateway.journal.EventJournal;
import io.motam.gateway.journal.EventJson;
import io.motam.gateway.journal.JournalSettings;
import io.motam.testing.Mosquitto;
import io.smallrye.reactive.messaging.mqtt.session.MqttClientSessionOptions;
import io.vertx.core.Vertx;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * MQTT bridge benchmark (docs/benchmarks.md, "MQTT bridge"): a real mosquitto, the bridge's
 * {@link JournalPump} and {@link AckedPublisher}, an independent Paho subscriber (QoS 1).
 * <ol>
 * <li>throughput: {@code N} events already in the journal, pumped to the subscriber: events/s
 * from the start of the pump to the last one received;</li>
 * <li>latency: events appended one by one (fsync'd, as the link does) at a steady rate while the
 * pump runs: time from the call to {@code EventJournal.append} to the subscriber receiving it.</li>
 * </ol>
 * Run: {@code mvn -B -o -pl gateway-app test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java
 * -Dexec.mainClass=io.motam.gateway.mqtt.MqttBridgeBench -Dexec.classpathScope=test}
 * (system properties {@code bench.events}, {@code bench.latency-events}, {@code bench.rate}, {@code bench.window}).
 */
public final class MqttBridgeBench {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int events = Integer.getInteger("bench.events", 50_000);
        int latencyEvents = Integer.getInteger("bench.latency-events", 2_000);
        int rate = Integer.getInteger("bench.rate", 200);
        int window = Integer.getInteger("bench.window", 64);
        Path dir = Path.of("target", "bench", "mqtt-" + System.nanoTime()).toAbsolutePath();
        Files.createDirectories(dir);
        Mosquitto broker = new Mosquitto(dir.resolve("broker")).start();
        Vertx vertx = Vertx.vertx();
        try {
            prefill(dir.resolve("journal"), events);
            EventJournal journal = EventJournal.open(dir.resolve("journal"), MAPPER, JournalSettings.defaults());
            Cursor cursor = Cursor.open(dir.resolve("journal").resolve("mqtt.cursor"));
            Topics topics = new Topics("motam", "bench", "homeassistant");
            long[] received = new long[events + latencyEvents + 1];
            try (MqttProbe sub = new MqttProbe(broker.port(), null, null, "bench-sub", false, "motam/bench/events/#")) {
                MqttClientSessionOptions o = new MqttClientSessionOptions();
                o.setHostname("127.0.0.1");
                o.setPort(broker.port());
                o.setClientId("motam-gw-bench");
                o.setTcpNoDelay(true);
                o.setMaxInflightQueue(window + MqttClientBeans.CONTROL_INFLIGHT);
                Signal signal = new Signal();
                AckedPublisher publisher = new AckedPublisher(vertx, o, new AckedPublisher.Listener() {
                    @Override
                    public void connected(long generation) {
                        signal.wake();
                    }

                    @Override
                    public void disconnected(String cause) {
                        signal.wake();
                    }
                });
                publisher.start();
                while (!publisher.connected()) {
                    signal.await();
                }
                JournalPump pump = new JournalPump(journal, cursor, publisher, topics::of, window, signal::wake);
                journal.addAppendListener(signal::wake);
                AtomicBoolean running = new AtomicBoolean(true);
                Thread loop = new Thread(
                        () -> {
                            try {
                                while (running.get()) {
                                    pump.step();
                                    signal.await();
                                }
                                pump.close();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        "bench-pump");

                // 1. throughput
                long t0 = System.nanoTime();
                loop.start();
                while (sub.count() < events) {
                    TimeUnit.MILLISECONDS.sleep(2); // the benchmark's own polling of a counter
                }
                long t1 = System.nanoTime();
                double seconds = (t1 - t0) / 1e9;
                System.out.printf(
                        Locale.ROOT,
                        "throughput: %d events journal -> mosquitto -> subscriber in %.3f s = %.0f events/s (window %d)%n",
                        events,
                        seconds,
                        events / seconds,
                        window);

                // 2. latency
                long[] appendedAt = new long[latencyEvents];
                long[] appendTook = new long[latencyEvents];
                long interval = TimeUnit.SECONDS.toNanos(1) / rate;
                long next = System.nanoTime();
                for (int i = 0; i < latencyEvents; i++) {
                    while (System.nanoTime() < next) {
                        Thread.onSpinWait();
                    }
                    next += interval;
                    ObjectNode n = EventJson.header(MAPPER, "lat-" + i, "cam1", Instant.now());
                    n.put("verdict", "KNOWN").put("i", i);
                    appendedAt[i] = System.nanoTime();
                    journal.append(EventJson.TOPIC_RECOGNITION, "cam1", 0, n);
                    appendTook[i] = System.nanoTime() - appendedAt[i];
                }
                while (sub.count() < events + latencyEvents) {
                    TimeUnit.MILLISECONDS.sleep(2);
                }
                long[] lat = new long[latencyEvents];
                for (MqttProbe.Received r : sub.all()) {
                    var j = MAPPER.readTree(r.bytes());
                    if (j.get("id").asText().startsWith("lat-")) {
                        int i = j.get("i").asInt();
                        lat[i] = r.nanos() - appendedAt[i];
                    }
                }
                Arrays.sort(lat);
                System.out.printf(
                        Locale.ROOT,
                        "latency (append incl. fsync -> subscriber), %d events at %d/s: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                        latencyEvents,
                        rate,
                        lat[latencyEvents / 2] / 1e6,
                        lat[(int) Math.ceil(latencyEvents * 0.99) - 1] / 1e6,
                        lat[latencyEvents - 1] / 1e6);
                Arrays.sort(appendTook);
                System.out.printf(
                        Locale.ROOT,
                        "  of which EventJournal.append (write + fsync): p50 %.2f ms, p99 %.2f ms%n",
                        appendTook[latencyEvents / 2] / 1e6,
                        appendTook[(int) Math.ceil(latencyEvents * 0.99) - 1] / 1e6);
                System.out.printf(
                        Locale.ROOT,
                        "duplicates at the subscriber: %d; PUBLISH packets sent: %d; cursor %d of %d%n",
                        sub.all().size() - events - latencyEvents,
                        pump.published(),
                        pump.acked(),
                        journal.lastIndex());
                running.set(false);
                signal.wake();
                loop.join();
                publisher.stop().get(5, TimeUnit.SECONDS);
            }
            journal.close();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            broker.stop();
        }
    }

    /** Writes {@code n} journal lines straight into the first segment (fast; the format EventJournal writes). */
    private static void prefill(Path journalDir, int n) throws Exception {
        Files.createDirectories(journalDir);
        try (BufferedWriter w = Files.newBufferedWriter(
                journalDir.resolve("events-00000000000000000001.jsonl"), StandardCharsets.UTF_8)) {
            for (int i = 1; i <= n; i++) {
                ObjectNode p = EventJson.header(MAPPER, "tp-" + i, "cam1", Instant.now());
                p.put("seq", i)
                        .put("verdict", "KNOWN")
                        .put("distance", 61.5)
                        .put("threshold", 104.2)
                        .put("faces", 1);
                ObjectNode line = MAPPER.createObjectNode();
                line.put("n", i)
                        .put("topic", EventJson.TOPIC_RECOGNITION)
                        .put("camera", "cam1")
                        .put("seq", i);
                line.set("payload", p);
                w.write(MAPPER.writeValueAsString(line));
                w.write('\n');
            }
        }
    }

    /** Wakes the pump loop: acks, appends, connection changes. */
    private static final class Signal {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition c = lock.newCondition();
        private boolean woken;

        void wake() {
            lock.lock();
            try {
                woken = true;
                c.signalAll();
            } finally {
                lock.unlock();
            }
        }

        void await() throws InterruptedException {
            lock.lock();
            try {
                if (!woken) {
                    c.await(100, TimeUnit.MILLISECONDS);
                }
                woken = false;
            } finally {
                lock.unlock();
            }
        }
    }
}
