package io.motam.camera.uplink;

import io.motam.camera.config.UplinkConfig;
import io.motam.protocol.file.FileOutbox;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the {@link LogShipper} every {@code motam.link.log-ship-interval} (first run a few
 * seconds after start, when the previous run's log has just been rotated), while the file log
 * ({@code quarkus.log.file.enable}) is on. An interval of 0 turns shipping off.
 */
@ApplicationScoped
public class LogShipping {
    private static final Logger LOG = Logger.getLogger(LogShipping.class);
    static final String SHIPPED_FILE = "logs-shipped.txt";
    private static final Duration FIRST_RUN = Duration.ofSeconds(5);

    @Inject
    UplinkConfig config;

    @Inject
    FileOutbox files;

    @ConfigProperty(name = "motam.data-dir")
    Path dataDir;

    @ConfigProperty(name = "quarkus.log.file.enable", defaultValue = "false")
    boolean fileLog;

    @ConfigProperty(name = "quarkus.log.file.path")
    Optional<Path> logFile;

    private ScheduledExecutorService timer;

    void start(@Observes StartupEvent ev) {
        Duration every = config.logShipInterval();
        if (every.isZero() || !fileLog || logFile.isEmpty()) {
            LOG.infof(
                    "log shipping to the gateway is off (%s)",
                    every.isZero() ? "motam.link.log-ship-interval=0" : "quarkus.log.file.enable is false");
            return;
        }
        if (every.isNegative()) {
            throw new IllegalStateException("motam.link.log-ship-interval must be 0 or positive but was " + every);
        }
        LogShipper shipper = new LogShipper(logFile.get(), files, dataDir.resolve(SHIPPED_FILE));
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "motam-log-shipping");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(
                () -> ship(shipper), FIRST_RUN.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("rotated logs of %s go to the gateway every %s", logFile.get(), every);
    }

    private static void ship(LogShipper shipper) {
        try {
            int n = shipper.shipOnce();
            if (n > 0) {
                LOG.infof("%d rotated log file(s) queued for the gateway", n);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("log shipping: %s", e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
