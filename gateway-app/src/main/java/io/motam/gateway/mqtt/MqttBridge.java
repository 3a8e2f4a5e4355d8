package io.motam.gateway.mqtt;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.motam.gateway.journal.Cursor;
import io.motam.gateway.journal.EventJournal;
import io.motam.gateway.state.CameraStatus;
import io.motam.gateway.state.SystemStateController;
import io.motam.gateway.state.SystemStatus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * The gateway's MQTT bridge. One thread ({@code motam-mqtt-bridge}) drives:
 * <ul>
 * <li>the {@link JournalPump}: the journal, in order, QoS 1, cursor advanced on PUBACK only;</li>
 * <li>retained control topics: {@code availability = online} after every (re)connect (the last
 * will says {@code offline}, and a clean shutdown publishes it), {@code state} on every change,
 * Home Assistant discovery after every connect and when {@code homeassistant/status} says
 * {@code online}, each camera's {@code camera/<id>/state} when it changes, pending snapshots until
 * acknowledged, and {@code diagnostics} after every
 * connect and every {@code motam.mqtt.diagnostics-interval}.</li>
 * </ul>
 * Nothing here blocks on the network: publishes complete asynchronously and wake the thread.
 */
@ApplicationScoped
public class MqttBridge {
    private static final Logger LOG = Logger.getLogger(MqttBridge.class);
    /** How long a clean shutdown waits for the broker to take {@code offline}. */
    private static final long OFFLINE_WAIT_MS = 2000;

    @Inject
    EventJournal journal;

    @Inject
    @Named("mqtt")
    Cursor cursor;

    @Inject
    Topics topics;

    @Inject
    ObjectMapper mapper;

    @Inject
    SystemStateController state;

    @Inject
    MqttClientBeans options;

    @Inject
    MqttBridgeConfig config;

    @Inject
    HomeAssistantDiscovery discovery;

    @Inject
    SnapshotPublisher snapshots;

    @Inject
    Vertx vertx;

    @Inject
    io.motam.gateway.link.ActiveCameras activeCameras;

    @Inject
    io.motam.gateway.registry.CameraRegistry registry;

    @org.eclipse.microprofile.config.inject.ConfigProperty(
            name = "quarkus.application.version",
            defaultValue = "0.1.0-SNAPSHOT")
    String version;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private boolean woken;
    private volatile boolean running;
    private AckedPublisher publisher;
    private JournalPump pump;
    private Thread worker;
    private final Runnable wakeup = this::wakeup;
    // retained control topics: what was last confirmed on which connection
    private final Retained availability = new Retained();
    private final Retained stateTopic = new Retained();
    private final Retained discoveryTopic = new Retained();
    private final Retained diagnosticsTopic = new Retained();
    private final java.time.Instant startedAt = java.time.Instant.now();
    private long nextDiagnosticsNanos;
    private volatile DiagnosticsPayload.LastError stepError;
    /** Every camera discovery has dealt with (shown or removed), and whether discovery was on then. */
    private final Set<String> discoveredCameras = new TreeSet<>();

    private boolean discoveryWasEnabled = true;
    private final Map<String, Retained> cameraDiscovery = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Boolean> cameraShown = new java.util.HashMap<>();
    private final Map<String, Retained> cameraStates = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, CameraStatus> publishedStates = new java.util.HashMap<>();
    private final Map<String, CompletableFuture<Void>> snapshotsInFlight = new java.util.HashMap<>();

    void start(@Observes StartupEvent ev) {
        running = true;
        publisher = new AckedPublisher(vertx, options.publisher(), new AckedPublisher.Listener() {
            @Override
            public void connected(long generation) {
                wakeup();
            }

            @Override
            public void disconnected(String cause) {
                wakeup();
            }
        });
        pump = new JournalPump(journal, cursor, publisher, topics::of, config.maxInflight(), wakeup);
        journal.addAppendListener(wakeup);
        snapshots.onChange(wakeup);
        stateTopic.changed();
        discoveryTopic.changed();
        worker = new Thread(this::run, "motam-mqtt-bridge");
        worker.setDaemon(true);
        worker.start();
        publisher.start();
        LOG.infof(
                "MQTT bridge for %s started: journal from %d, window %d",
                topics.base(), cursor.position(), config.maxInflight());
    }

    void onState(@Observes SystemStatus status) {
        stateTopic.changed();
        wakeup();
    }

    /** Home Assistant came (back) online: send discovery again. */
    void homeAssistantOnline() {
        discoveryTopic.changed();
        cameraDiscovery.values().forEach(Retained::changed);
        cameraStates.values().forEach(Retained::changed);
        availability.changed();
        stateTopic.changed();
        wakeup();
    }

    /** What the retained diagnostics topic says now. */
    DiagnosticsPayload diagnostics() {
        return new DiagnosticsPayload(
                topics.gatewayId(),
                version,
                startedAt,
                journal.lastIndex(),
                cursor.position(),
                activeCameras.cameraIds(),
                connectionGeneration(),
                lastError(),
                java.time.Instant.now());
    }

    /** The most recent problem: a refused or lost broker connection, or a failed bridge step. */
    public java.util.Optional<DiagnosticsPayload.LastError> lastError() {
        java.util.Optional<DiagnosticsPayload.LastError> broker = publisher == null
                ? java.util.Optional.empty()
                : publisher.lastError().map(e -> new DiagnosticsPayload.LastError(e.reason(), e.at()));
        return DiagnosticsPayload.LastError.latest(broker, java.util.Optional.ofNullable(stepError));
    }

    /** Why the broker connection is down right now (refused, lost, not yet made); empty while connected. */
    public java.util.Optional<String> brokerProblem() {
        if (connected()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(
                publisher == null
                        ? "not started"
                        : publisher
                                .lastError()
                                .map(AckedPublisher.ConnectionError::reason)
                                .orElse("connecting"));
    }

    /** The connection currently in use, for tests and status: 0 before the first connect. */
    public long connectionGeneration() {
        return publisher == null ? 0 : publisher.generation();
    }

    public boolean connected() {
        return publisher != null && publisher.connected();
    }

    void wakeup() {
        lock.lock();
        try {
            woken = true;
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (running) {
            try {
                controlStep();
                pump.step();
                lock.lock();
                try {
                    if (!woken && running) {
                        work.await(1, TimeUnit.SECONDS);
                    }
                    woken = false;
                } finally {
                    lock.unlock();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                stepError = new DiagnosticsPayload.LastError("bridge step failed: " + e, java.time.Instant.now());
                LOG.errorf("MQTT bridge step failed: %s; retrying", e.toString());
                sleepQuietly();
            }
        }
    }

    private void controlStep() throws IOException {
        if (!publisher.connected()) {
            return;
        }
        long gen = publisher.generation();
        publishDiscovery(gen);
        availability.publishIfDue(
                gen, () -> Topics.ONLINE.getBytes(StandardCharsets.UTF_8), topics.of(Topics.AVAILABILITY));
        SystemStatus status = state.status();
        stateTopic.publishIfDue(gen, () -> StatePayload.of(mapper, status), topics.of(Topics.STATE));
        for (CameraStatus c : status.cameras().values()) {
            Retained topic = cameraStates.computeIfAbsent(c.id(), id -> new Retained());
            if (!c.equals(publishedStates.put(c.id(), c))) {
                topic.changed();
            }
            topic.publishIfDue(gen, () -> StatePayload.of(mapper, c, status), topics.cameraState(c.id()));
        }
        long now = System.nanoTime();
        if (now - nextDiagnosticsNanos >= 0) {
            nextDiagnosticsNanos = now + config.diagnosticsInterval().toNanos();
            diagnosticsTopic.changed();
        }
        diagnosticsTopic.publishIfDue(gen, () -> diagnostics().toJson(mapper), topics.of(Topics.DIAGNOSTICS));
        publishSnapshots(gen);
    }

    /**
     * Home Assistant discovery: the gateway's device and a device per camera that is authorised
     * or connected now. A camera that was ever heard of but is neither (revoked) has its device
     * removed with an empty retained config; with discovery switched off every device is.
     */
    private void publishDiscovery(long gen) {
        boolean enabled = config.discovery().enabled();
        Set<String> present = enabled ? knownCameras() : Set.of();
        Set<String> ever = new TreeSet<>(present);
        ever.addAll(state.status().cameras().keySet());
        ever.addAll(snapshots.store().cameras());
        ever.addAll(cameraDiscovery.keySet());
        if (!ever.equals(discoveredCameras) || enabled != discoveryWasEnabled) {
            discoveredCameras.clear();
            discoveredCameras.addAll(ever);
            discoveryWasEnabled = enabled;
            discoveryTopic.changed();
        }
        Set<String> all = Set.copyOf(ever);
        // switched off: an empty retained config makes Home Assistant remove the device
        discoveryTopic.publishIfDue(gen, () -> enabled ? discovery.payload(all) : new byte[0], discovery.topic());
        for (String cam : ever) {
            boolean shown = present.contains(cam);
            Retained topic = cameraDiscovery.computeIfAbsent(cam, id -> new Retained());
            if (!Boolean.valueOf(shown).equals(cameraShown.put(cam, shown))) {
                topic.changed();
            }
            topic.publishIfDue(gen, () -> shown ? discovery.cameraPayload(cam) : new byte[0], discovery.topic(cam));
        }
    }

    /** Cameras that get a device in Home Assistant: the authorised ones and those connected now. */
    private Set<String> knownCameras() {
        Set<String> cams = new TreeSet<>();
        registry.all().forEach(c -> cams.add(c.id()));
        state.status().cameras().values().stream()
                .filter(CameraStatus::connected)
                .forEach(c -> cams.add(c.id()));
        return cams;
    }

    private void publishSnapshots(long gen) throws IOException {
        SnapshotStore store = snapshots.store();
        for (Map.Entry<String, Long> p : store.pending().entrySet()) {
            String cam = p.getKey();
            CompletableFuture<Void> inFlight = snapshotsInFlight.get(cam);
            if (inFlight != null && !inFlight.isDone()) {
                continue;
            }
            var jpeg = store.read(cam, p.getValue());
            if (jpeg.isEmpty()) {
                continue;
            }
            long version = p.getValue();
            CompletableFuture<Void> f = publisher.publish(topics.snapshot(cam), jpeg.get(), true, gen);
            snapshotsInFlight.put(cam, f);
            f.whenComplete((v, t) -> {
                if (t == null) {
                    try {
                        store.published(cam, version);
                    } catch (IOException e) {
                        LOG.warnf("snapshot of %s published but not marked: %s", cam, e.getMessage());
                    }
                    wakeup(); // a failure waits for the next connection or the next second
                }
            });
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        wakeup();
        if (worker != null) {
            try {
                worker.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            pump.close();
        } catch (IOException e) {
            LOG.warnf("MQTT cursor not saved at shutdown: %s", e.getMessage());
        }
        if (publisher.connected()) {
            try {
                publisher
                        .publish(topics.of(Topics.AVAILABILITY), Topics.OFFLINE.getBytes(StandardCharsets.UTF_8), true)
                        .get(OFFLINE_WAIT_MS, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.debugf("offline not acknowledged at shutdown: %s", e.getMessage());
            }
        }
        try {
            publisher.stop().get(OFFLINE_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.debugf("MQTT disconnect at shutdown: %s", e.getMessage());
        }
        journal.removeAppendListener(wakeup);
        LOG.infof("MQTT bridge stopped at journal entry %d", cursor.position());
    }

    private void sleepQuietly() {
        lock.lock();
        try {
            work.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A retained topic whose latest value must be confirmed on the current connection: it is
     * published again after every reconnect and after every change, one publish at a time.
     */
    private final class Retained {
        private long version = 1;
        private long confirmedVersion;
        private long confirmedOn = -1;
        private CompletableFuture<Void> inFlight;

        synchronized void changed() {
            version++;
        }

        synchronized void publishIfDue(long gen, java.util.function.Supplier<byte[]> value, String topic) {
            if ((confirmedOn == gen && confirmedVersion == version) || (inFlight != null && !inFlight.isDone())) {
                return;
            }
            long sending = version;
            inFlight = publisher.publish(topic, value.get(), true, gen);
            inFlight.whenComplete((v, t) -> {
                if (t == null) {
                    synchronized (this) {
                        confirmedOn = gen;
                        confirmedVersion = Math.max(confirmedVersion, sending);
                    }
                    wakeup(); // a failure waits for the next connection or the next second
                }
            });
        }
    }
}
