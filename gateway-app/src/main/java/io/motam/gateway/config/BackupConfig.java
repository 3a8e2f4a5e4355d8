package io.motam.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** {@code motam.backup.*}: where files from the cameras are kept, and for how long. */
@ConfigMapping(prefix = "motam.backup")
public interface BackupConfig {

    /** Root of the store: {@code <dir>/<camera>/<yyyy-MM-dd>/<kind>/<name>} and {@code index.jsonl}. */
    @WithDefault("${motam.data-dir}/backup")
    Path dir();

    /** Files older than this are deleted (the latest model of each camera never is). */
    @WithDefault("30d")
    Duration maxAge();

    /** Total size of the store; above it the oldest files go first (never a camera's latest model). */
    @WithDefault("1G")
    MemorySize maxSize();

    /**
     * Free space the backup file system keeps: health turns DOWN below it, and a file transfer
     * whose remaining bytes would go below it is refused for now (the link closes with
     * STORAGE_FAILURE; the camera keeps the file and offers it again later).
     */
    @WithDefault("100M")
    MemorySize minFree();

    /** Partial files of transfers not written to for this long (abandoned) are deleted by retention. */
    @WithDefault("24h")
    Duration partialMaxAge();

    /** How often retention runs besides after every stored file. */
    @WithDefault("1h")
    Duration retentionInterval();
}
