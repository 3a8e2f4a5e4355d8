package io.motam.protocol.uplink;

import io.motam.domain.SystemState;
import io.motam.link.Link;
import io.motam.protocol.delivery.Outbox;
import io.motam.protocol.file.FileOutbox;
import io.motam.protocol.file.FileReceiver;
import io.motam.protocol.message.Command;
import io.motam.protocol.pairing.PairingOffer;
import io.motam.protocol.restore.RestoreSource;
import io.motam.protocol.restore.RestoreTarget;
import io.motam.protocol.session.Identity;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A camera and a gateway made of the real uplink classes, joined by in-memory pipes: the
 * gateway runs an {@link GatewayConnection} per connection like the gateway app's link server, the
 * camera an {@link Uplink} like the camera app's client. Faults are injected by wrapping the
 * camera's end of each new pipe.
 *
 * <p>The gateway's decisions come from a {@link Gate}: the protocol's own tests use a
 * {@link KnownKeysGate} (see {@link #paired()}); gateway-app's tests pass its real
 * {@code CameraGate}, which is why this class and what its users touch are public (it reaches
 * them through motam-shared's test jar).
 */
public final class Harness implements AutoCloseable {
    public static final String CAMERA = "cam1";
    public static final Identity GATEWAY_KEY = Identity.generate("motam-gateway-test");
    public static final Identity CAMERA_KEY = Identity.generate("motam-camera-test");

    final Path dir;
    public final Identity gatewayIdentity;
    public final Identity cameraIdentity;
    /** The gateway's decisions. */
    public final Gate gate;
    /** The same gate when it is this module's {@link KnownKeysGate}, otherwise null. */
    final KnownKeysGate keys;

    public final MemorySink sink = new MemorySink();
    final FolderFiles store;
    public final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, r -> daemon(r, "test-timers"));
    public final ExecutorService sessions = Executors.newCachedThreadPool(r -> daemon(r, "test-gateway-session"));
    final List<GatewayConnection> receivers = new CopyOnWriteArrayList<>();
    public final List<ConnectionOutcome> gatewayOutcomes = new CopyOnWriteArrayList<>();
    /** When each gateway connection ended (System.nanoTime), in the order of {@link #gatewayOutcomes}. */
    final List<Long> gatewayEnds = new CopyOnWriteArrayList<>();

    final List<SystemState> welcomes = new CopyOnWriteArrayList<>();
    final List<Command> commands = new CopyOnWriteArrayList<>();
    volatile UplinkSettings gatewaySettings = UplinkSettings.DEFAULT;
    volatile UplinkSettings cameraSettings = UplinkSettings.DEFAULT;
    volatile FileReceiver.Limits fileLimits = FileReceiver.Limits.DEFAULT;
    volatile boolean gatewayTakesFiles = true;
    public volatile UnaryOperator<Link> faults = UnaryOperator.identity();
    /** What the gateway sends back on RESTORE_REQUEST. */
    volatile RestoreSource restoreSource = RestoreSource.NONE;
    /** The camera's restore wish, or null for none. */
    volatile RestoreTarget restoreTarget;
    /** How the camera reaches the gateway; in-memory pipes unless a test dials otherwise. */
    volatile Uplink.Dialer dialer = endpoint -> dial();

    public Outbox outbox;
    FileOutbox files;
    public Uplink uplink;

    /** A harness whose gateway admits the keys made known with {@link #paired()}. */
    Harness(Path dir) throws IOException {
        this(dir, new KnownKeysGate(1), GATEWAY_KEY, CAMERA_KEY);
    }

    /** A harness whose gateway decides with {@code gate}. */
    public Harness(Path dir, Gate gate, Identity gatewayIdentity, Identity cameraIdentity) throws IOException {
        this.dir = dir;
        this.gatewayIdentity = gatewayIdentity;
        this.cameraIdentity = cameraIdentity;
        this.gate = gate;
        this.keys = gate instanceof KnownKeysGate k ? k : null;
        this.store = new FolderFiles(dir.resolve("gateway"));
        openCameraQueues();
    }

    static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** (Re)opens the camera's durable queues, as a camera start does. */
    void openCameraQueues() throws IOException {
        outbox = Outbox.open(dir.resolve("camera").resolve("outbox"), 100_000);
        files = FileOutbox.open(dir.resolve("camera").resolve("outbox").resolve("files"), FileOutbox.Limits.DEFAULT);
    }

    /** Admits the camera key on a {@link KnownKeysGate}, as a finished pairing would. */
    Harness paired() {
        if (keys == null) {
            throw new IllegalStateException("expected this module's KnownKeysGate but the gate is " + gate);
        }
        keys.admit(cameraIdentity.fingerprint(), CAMERA);
        return this;
    }

    /** A new pipe whose gateway end is served by a fresh gateway connection; returns the camera's end. */
    Link dial() {
        Link[] ends = Pipe.pair("test");
        serve(ends[1]);
        return faults.apply(ends[0]);
    }

    /** Serves one link with a gateway connection on its own thread. */
    public Future<ConnectionOutcome> serve(Link gatewayEnd) {
        GatewayConnection r = new GatewayConnection(
                        gatewayEnd,
                        gatewayIdentity,
                        gate,
                        sink,
                        gatewayTakesFiles ? store : null,
                        gatewaySettings,
                        fileLimits,
                        timers)
                .withRestore(restoreSource);
        receivers.add(r);
        return sessions.submit(() -> {
            ConnectionOutcome o = r.run();
            gatewayEnds.add(System.nanoTime());
            gatewayOutcomes.add(o);
            return o;
        });
    }

    /**
     * One connection of this harness's camera (its key, outbox and files) over {@code end} to
     * {@code destination}, as the camera's uplink makes it; returns how it ended.
     */
    public ConnectionOutcome connectOnce(Link end, Uplink.Destination destination) {
        Uplink.Target target = Uplink.Target.pinned(destination.endpoint(), destination.gatewayKey());
        Uplink.Handler ignore = new Uplink.Handler() {
            @Override
            public void welcomed(io.motam.protocol.message.Welcome welcome) {}

            @Override
            public void command(Command command) {}
        };
        return new CameraConnection(
                        new Uplink.Context(
                                CAMERA, cameraIdentity, outbox, files, target, ignore, cameraSettings, timers),
                        end,
                        destination)
                .run();
    }

    /** Starts the camera's uplink to this gateway (pinned). */
    public Uplink startUplink() {
        return startUplink(Uplink.Target.pinned("pipe:test", gatewayIdentity.fingerprint()));
    }

    Uplink startUplink(Uplink.Target target) {
        uplink = new Uplink(
                CAMERA,
                cameraIdentity,
                outbox,
                files,
                target,
                dialer,
                new Uplink.Handler() {
                    @Override
                    public void welcomed(io.motam.protocol.message.Welcome welcome) {
                        welcomes.add(welcome.systemState());
                    }

                    @Override
                    public void command(Command command) {
                        commands.add(command);
                    }
                },
                cameraSettings,
                new Uplink.Backoff(Duration.ofMillis(5), Duration.ofMillis(50)),
                timers);
        if (restoreTarget != null) {
            uplink.withRestore(restoreTarget);
        }
        uplink.start();
        return uplink;
    }

    /** A target that pairs with {@code offer} once, then uses the pin. */
    static Uplink.Target pairingTarget(PairingOffer offer) {
        return new Uplink.Target() {
            private volatile boolean paired;

            @Override
            public Optional<Uplink.Destination> next() {
                return Optional.of(
                        paired
                                ? Uplink.Destination.pinned(offer.endpoint(), offer.gatewayFingerprint())
                                : Uplink.Destination.pairing(offer));
            }

            @Override
            public void paired(PairingOffer o) {
                paired = true;
            }
        };
    }

    /** Stops the camera (as a restart would) and closes its queues. */
    void stopCamera() throws IOException {
        if (uplink != null) {
            uplink.close();
            uplink = null;
        }
        outbox.close();
    }

    @Override
    public void close() throws Exception {
        if (uplink != null) {
            uplink.close();
        }
        if (keys != null) {
            keys.active.closeAll(io.motam.protocol.message.Close.Reason.SHUTDOWN);
        } else {
            // a gate shared with others (the gateway's): every connection of this harness leaves it
            for (GatewayConnection r : receivers) {
                r.close(io.motam.protocol.message.Close.Reason.SHUTDOWN);
                r.awaitClosed(Duration.ofSeconds(5));
            }
        }
        outbox.close();
        sessions.shutdownNow();
        sessions.awaitTermination(5, TimeUnit.SECONDS);
        timers.shutdownNow();
    }
}
