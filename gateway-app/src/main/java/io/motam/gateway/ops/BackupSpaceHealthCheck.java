package io.motam.gateway.ops;

import io.motam.gateway.backup.BackupStore;
import io.motam.gateway.config.BackupConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** UP while the backup store's file system has at least {@code motam.backup.min-free} free. */
@Readiness
@ApplicationScoped
public class BackupSpaceHealthCheck implements HealthCheck {
    @Inject
    BackupStore store;

    @Inject
    BackupConfig config;

    @Override
    public HealthCheckResponse call() {
        long min = config.minFree().asLongValue();
        try {
            long free = Files.getFileStore(store.root()).getUsableSpace();
            return HealthCheckResponse.named("backup-disk")
                    .status(free >= min)
                    .withData("dir", store.root().toString())
                    .withData("freeBytes", free)
                    .withData("minFreeBytes", min)
                    .withData("storeBytes", store.totalSize())
                    .withData("maxBytes", store.limits().maxSize())
                    .build();
        } catch (IOException e) {
            return HealthCheckResponse.named("backup-disk")
                    .down()
                    .withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
