package io.motam.gateway.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.motam.gateway.config.GatewayConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Opens the audit log at {@code <data-dir>/audit.jsonl} for the application's lifetime. */
@ApplicationScoped
public class AuditBeans {
    private static final Logger LOG = Logger.getLogger(AuditBeans.class);

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "motam.data-dir")
    Path dataDir;

    @Inject
    GatewayConfig config;

    private AuditLog log;

    @Produces
    @Singleton
    AuditLog auditLog() {
        try {
            AuditLog.Rotation rotation = new AuditLog.Rotation(
                    config.audit().rotateSize().asLongValue(), config.audit().keep());
            log = AuditLog.open(dataDir.resolve("audit.jsonl"), mapper, Clock.systemUTC(), rotation);
            LOG.infof("audit log %s: %d entries", log.path(), log.lastIndex());
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit log under " + dataDir, e);
        }
    }

    @PreDestroy
    void close() {
        if (log != null) {
            log.close();
        }
    }
}
