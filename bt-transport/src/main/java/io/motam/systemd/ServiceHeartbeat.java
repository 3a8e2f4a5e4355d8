package io.motam.systemd;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Feeds a {@link ServiceNotifier} from a health check, on one daemon thread
 * ({@code motam-systemd}):
 * <pre>
 *   STARTING --check healthy--> READY (sends READY=1) --stop()--> STOPPED (sends STOPPING=1)
 *   STARTING --stop()--> STOPPED
 * </pre>
 * While STARTING the check runs every {@code startPoll} (each new reason for not being ready is
 * sent as {@code STATUS=starting: …}); in READY it runs every half watchdog
 * interval and each healthy answer sends {@code WATCHDOG=1}; an unhealthy one sends nothing
 * (systemd restarts the service when a whole interval passes without a ping) and is logged once
 * per problem, with {@code STATUS=} set to it. With a disabled notifier nothing runs and the
 * check is never called.
 */
public final class ServiceHeartbeat implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ServiceHeartbeat.class);
    /** How often a starting service is checked for readiness by default. */
    public static final Duration DEFAULT_START_POLL = Duration.ofMillis(100);

    /** The heartbeat's life; see the class comment. */
    public enum State {
        STARTING,
        READY,
        STOPPED
    }

    private final ServiceNotifier notifier;
    private final Supplier<Optional<String>> problem;
    private final String readyStatus;
    private final Duration startPoll;
    private ScheduledExecutorService timer;
    private volatile State state = State.STARTING;
    private String lastProblem;

    /**
     * @param problem the health check: empty when healthy, else a one-line reason
     * @param readyStatus the {@code STATUS=} sent with {@code READY=1}
     */
    public ServiceHeartbeat(
            ServiceNotifier notifier, Supplier<Optional<String>> problem, String readyStatus, Duration startPoll) {
        if (startPoll.isNegative() || startPoll.isZero()) {
            throw new IllegalArgumentException("expected a positive start poll but was " + startPoll);
        }
        this.notifier = notifier;
        this.problem = problem;
        this.readyStatus = readyStatus;
        this.startPoll = startPoll;
    }

    public State state() {
        return state;
    }

    /** Starts checking; does nothing when the notifier is disabled or it was started before. */
    public synchronized void start() {
        if (!notifier.enabled() || timer != null || state != State.STARTING) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "motam-systemd");
            t.setDaemon(true);
            return t;
        });
        timer.schedule(this::tick, 0, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        Optional<String> now;
        try {
            now = problem.get();
        } catch (RuntimeException e) {
            now = Optional.of("health check failed: " + e);
        }
        synchronized (this) {
            if (state == State.STOPPED) {
                return;
            }
            if (state == State.STARTING) {
                if (now.isEmpty()) {
                    state = State.READY;
                    lastProblem = null;
                    notifier.ready(readyStatus);
                    LOG.infof(
                            "told systemd: ready%s",
                            notifier.watchdog()
                                    .map(w -> ", watchdog every " + w.toMillis() + " ms")
                                    .orElse(""));
                } else {
                    note(now.get());
                }
            } else if (now.isEmpty()) {
                if (lastProblem != null) {
                    LOG.infof("healthy again; systemd watchdog fed (was: %s)", lastProblem);
                    notifier.status(readyStatus);
                    lastProblem = null;
                }
                notifier.watchdogPing();
            } else {
                if (!now.get().equals(lastProblem)) {
                    LOG.warnf("unhealthy, not feeding the systemd watchdog: %s", now.get());
                    notifier.status(now.get());
                }
                lastProblem = now.get();
            }
            if (state == State.STARTING) {
                timer.schedule(this::tick, startPoll.toMillis(), TimeUnit.MILLISECONDS);
            } else if (notifier.watchdog().isPresent()) {
                timer.schedule(
                        this::tick, notifier.watchdog().get().dividedBy(2).toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void note(String reason) {
        if (!reason.equals(lastProblem)) {
            LOG.debugf("not ready yet: %s", reason);
            notifier.status("starting: " + reason);
            lastProblem = reason;
        }
    }

    /** Sends {@code STOPPING=1} (when enabled) and stops the thread; idempotent. */
    public void stop() {
        ScheduledExecutorService t;
        synchronized (this) {
            if (state == State.STOPPED) {
                return;
            }
            state = State.STOPPED;
            notifier.stopping();
            t = timer;
        }
        if (t != null) {
            t.shutdownNow();
        }
        notifier.close();
    }

    @Override
    public void close() {
        stop();
    }
}
