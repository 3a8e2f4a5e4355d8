package io.motam.gateway.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Opens the event journal and the MQTT bridge's cursor under {@code <data-dir>/journal}. */
@ApplicationScoped
public class JournalBeans {
    @Inject
    ObjectMapper mapper;

    @Inject
    JournalConfig config;

    @ConfigProperty(name = "motam.data-dir")
    Path dataDir;

    private EventJournal journal;

    @Produces
    @Singleton
    @Named("mqtt")
    Cursor mqttCursor() {
        try {
            return Cursor.open(dataDir.resolve("journal").resolve("mqtt.cursor"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Produces
    @Singleton
    EventJournal journal() {
        try {
            journal = EventJournal.open(dataDir.resolve("journal"), mapper, config.options());
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the event journal under " + dataDir, e);
        }
    }

    @PreDestroy
    void close() {
        if (journal != null) {
            journal.close();
        }
    }
}
