package io.motam.protocol.uplink;

import io.motam.link.Link;
import io.motam.protocol.delivery.Outbox;
import io.motam.protocol.file.FileOutbox;
import io.motam.protocol.message.Close;
import io.motam.protocol.message.Command;
import io.motam.protocol.message.Identifiers;
import io.motam.protocol.message.Welcome;
import io.motam.protocol.pairing.PairingOffer;
import io.motam.protocol.restore.RestoreTarget;
import io.motam.protocol.session.Fingerprint;
import io.motam.protocol.session.Identity;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The camera's link to its gateway, kept up for the life of the camera: dial, run one
 * {@link CameraConnection} (TLS 1.3 with the gateway's pinned key, HELLO, the pairing proof on
 * first contact, WELCOME, then events and files out, acks and commands in), and after any end
 * dial again with exponential backoff and jitter. Unacknowledged events and files stay in their
 * durable queues and are sent again.
 *
 * <p>The app supplies where to go ({@link Target}), how to open a link ({@link Dialer}) and
 * what to do with the gateway's state and commands ({@link Handler}).
 */
public final class Uplink implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Uplink.class);

    /** Where to connect next, and what to do once paired. */
    public interface Target {
        /** The gateway to dial: a pinned one, or a pairing offer to use; empty to wait and ask again. */
        Optional<Destination> next() throws IOException;

        /** The gateway accepted the offer's proof (WELCOME received): remember the gateway. */
        void paired(PairingOffer offer) throws IOException;

        /** Always the same pinned gateway. */
        static Target pinned(String endpoint, Fingerprint gatewayKey) {
            Destination d = Destination.pinned(endpoint, gatewayKey);
            return new Target() {
                @Override
                public Optional<Destination> next() {
                    return Optional.of(d);
                }

                @Override
                public void paired(PairingOffer offer) {
                    throw new IllegalStateException("expected no pairing with a pinned target but was " + offer);
                }
            };
        }
    }

    /** A gateway to dial, with the key to pin and, on first contact, the offer to prove. */
    public record Destination(String endpoint, Fingerprint gatewayKey, Optional<PairingOffer> offer) {
        public Destination {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(gatewayKey, "gatewayKey");
            Objects.requireNonNull(offer, "offer");
        }

        public static Destination pinned(String endpoint, Fingerprint gatewayKey) {
            return new Destination(endpoint, gatewayKey, Optional.empty());
        }

        public static Destination pairing(PairingOffer offer) {
            return new Destination(offer.endpoint(), offer.gatewayFingerprint(), Optional.of(offer));
        }
    }

    /** Opens a link to an endpoint such as {@code tcp:127.0.0.1:7420}. */
    @FunctionalInterface
    public interface Dialer {
        Link dial(String endpoint) throws IOException;
    }

    /** What the gateway tells the camera. Called on the connection's reading thread. */
    public interface Handler {
        /**
         * At each WELCOME: the system state to follow, the protocol version and (from version 4)
         * the camera's release epoch.
         */
        void welcomed(Welcome welcome);

        /** An operator's command, already authorised by the gateway. */
        void command(Command command);
    }

    /** Waits between connection attempts: from {@code min}, doubling to {@code max}, plus up to 25 % jitter. */
    public record Backoff(Duration min, Duration max) {
        public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

        public Backoff {
            if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("expected 0 < min <= max but was " + min + ", " + max);
            }
        }
    }

    /** Everything a connection needs; one per uplink. */
    record Context(
            String cameraId,
            Identity identity,
            Outbox outbox,
            FileOutbox files,
            Target target,
            Handler handler,
            UplinkSettings settings,
            ScheduledExecutorService timers) {}

    private final Context ctx;
    private final Dialer dialer;
    private final Backoff backoff;
    private final boolean ownTimers;
    private final AtomicLong connections = new AtomicLong();
    private volatile boolean running;
    private volatile CameraConnection current;
    private volatile Restoring restoring;
    private Thread thread;

    /**
     * @param files the file queue, or {@code null} for a camera that sends no files
     * @param timers for keepalive and handshake deadlines; {@code null} makes a private one
     */
    public Uplink(
            String cameraId,
            Identity identity,
            Outbox outbox,
            FileOutbox files,
            Target target,
            Dialer dialer,
            Handler handler,
            UplinkSettings settings,
            Backoff backoff,
            ScheduledExecutorService timers) {
        Identifiers.requireId(cameraId, "cameraId");
        this.ownTimers = timers == null;
        ScheduledExecutorService t = timers != null
                ? timers
                : Executors.newScheduledThreadPool(1, r -> {
                    Thread th = new Thread(r, "motam-uplink-timers");
                    th.setDaemon(true);
                    return th;
                });
        this.ctx = new Context(
                cameraId,
                Objects.requireNonNull(identity, "identity"),
                Objects.requireNonNull(outbox, "outbox"),
                files,
                Objects.requireNonNull(target, "target"),
                Objects.requireNonNull(handler, "handler"),
                Objects.requireNonNull(settings, "settings"),
                t);
        this.dialer = Objects.requireNonNull(dialer, "dialer");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    /**
     * Asks the gateway for the last file of {@code target.kind()} it keeps for this camera, on the
     * first connection of protocol version 3 or later (again after one cut mid-transfer) until
     * the target has heard an outcome. Call before {@link #start}.
     */
    public Uplink withRestore(RestoreTarget target) {
        this.restoring = new Restoring(Objects.requireNonNull(target, "target"));
        return this;
    }

    /** Starts the connecting thread ({@code motam-uplink}). */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("expected a new uplink but it was started already");
        }
        running = true;
        thread = new Thread(this::run, "motam-uplink");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether a connection is OPEN now. */
    public boolean connected() {
        CameraConnection c = current;
        return c != null && c.state() == ConnectionState.OPEN;
    }

    /** The protocol version of the open connection, or 0. */
    public int version() {
        CameraConnection c = current;
        return c == null ? 0 : c.version();
    }

    /** Connections attempted so far (dialled successfully). */
    public long connections() {
        return connections.get();
    }

    private void run() {
        long wait = backoff.min().toMillis();
        while (running) {
            boolean useful = false;
            try {
                Optional<Destination> d = ctx.target().next();
                if (d.isPresent()) {
                    useful = connectOnce(d.get());
                }
            } catch (IOException | RuntimeException e) {
                if (running) {
                    LOG.warnf("gateway link: %s; retrying in %d ms", e.getMessage(), wait);
                }
            }
            if (useful) {
                wait = backoff.min().toMillis();
            }
            sleep(wait + ThreadLocalRandom.current().nextLong(wait / 4 + 1));
            if (!useful) {
                wait = Math.min(wait * 2, backoff.max().toMillis());
            }
        }
    }

    private boolean connectOnce(Destination d) throws IOException {
        Link link = dialer.dial(d.endpoint());
        connections.incrementAndGet();
        CameraConnection c = new CameraConnection(ctx, link, d, restoring);
        current = c;
        try {
            if (!running) {
                c.shutdown(Close.Reason.SHUTDOWN);
            }
            ConnectionOutcome outcome = c.run();
            return outcome.established();
        } finally {
            current = null;
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Says CLOSE(SHUTDOWN) to the gateway, if connected, and stops. */
    @Override
    public void close() {
        running = false;
        CameraConnection c = current;
        if (c != null) {
            c.shutdown(Close.Reason.SHUTDOWN);
        }
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (ownTimers) {
            ctx.timers().shutdownNow();
        }
    }
}
