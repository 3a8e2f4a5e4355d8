package io.motam.gateway.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.motam.gateway.config.BackupConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** Opens the backup store under {@code motam.backup.dir}, runs retention on a timer, exports its size. */
@ApplicationScoped
public class BackupBeans {
    private static final Logger LOG = Logger.getLogger(BackupBeans.class);

    private BackupStore store;
    private ScheduledExecutorService timer;

    @Produces
    @Singleton
    BackupStore backupStore(BackupConfig config, ObjectMapper mapper, MeterRegistry metrics) {
        Retention.Limits limits = new Retention.Limits(
                config.maxAge(),
                config.maxSize().asLongValue(),
                config.minFree().asLongValue(),
                config.partialMaxAge());
        try {
            store = BackupStore.open(config.dir(), limits, mapper, Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the backup store " + config.dir(), e);
        }
        LOG.infof(
                "backup store %s: %d file(s), %d bytes with partial transfers (max %d bytes, max age %s, "
                        + "partial transfers kept %s)",
                store.root(),
                store.fileCount(),
                store.totalSize(),
                limits.maxSize(),
                limits.maxAge(),
                limits.partialMaxAge());
        BackupStore s = store;
        Gauge.builder("motam.backup.size", s, BackupStore::totalSize)
                .baseUnit("bytes")
                .description("bytes in the backup store")
                .register(metrics);
        Gauge.builder("motam.backup.files", s, BackupStore::fileCount)
                .description("files in the backup store")
                .register(metrics);
        long period = Math.max(1000, config.retentionInterval().toMillis());
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "motam-backup-retention");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(s::enforceRetention, period, period, TimeUnit.MILLISECONDS);
        return s;
    }

    @PreDestroy
    void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (store != null) {
            store.close();
        }
    }
}
