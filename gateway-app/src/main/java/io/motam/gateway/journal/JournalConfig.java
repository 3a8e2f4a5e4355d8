package io.motam.gateway.journal;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code motam.journal.*}: how much event history the gateway keeps on disk (docs/mqtt.md,
 * "Journal and retention"). Entries the MQTT bridge has not delivered yet are never deleted.
 */
@ConfigMapping(prefix = "motam.journal")
public interface JournalConfig {

    /** A segment file is sealed and a new one started once it reaches this size. */
    @WithDefault("4M")
    MemorySize segmentSize();

    /** Sealed, fully bridged segments whose last entry is older than this are deleted. */
    @WithDefault("30d")
    Duration retention();

    /** While the journal is larger than this, its oldest sealed, fully bridged segments are deleted. */
    @WithDefault("256M")
    MemorySize maxSize();

    default JournalSettings options() {
        return new JournalSettings(
                segmentSize().asLongValue(), retention(), maxSize().asLongValue());
    }
}
