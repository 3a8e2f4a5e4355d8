package io.motam.gateway.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.motam.gateway.audit.AuditLog;
import io.motam.gateway.config.GatewayConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Builds the release guard from {@code motam.gateway.release.*}; a malformed hash stops the start. */
@ApplicationScoped
public class ReleaseBeans {
    private static final Logger LOG = Logger.getLogger(ReleaseBeans.class);

    /** Builds the guard at start, so a gateway without a release code stops there, not at the first command. */
    void atStart(@Observes StartupEvent event, ReleaseGuard guard) {
        LOG.debugf("release guard ready (protected: %s)", guard.protectedByCode());
    }

    @Produces
    @Singleton
    ReleaseGuard releaseGuard(
            GatewayConfig gateway,
            ObjectMapper mapper,
            AuditLog audit,
            @ConfigProperty(name = "motam.data-dir") Path dataDir) {
        GatewayConfig.Release c = gateway.release();
        Optional<ReleaseCodeHash> hash = c.codeHash().filter(s -> !s.isBlank()).map(s -> {
            try {
                return ReleaseCodeHash.parse(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("motam.gateway.release.code-hash is malformed: " + e.getMessage(), e);
            }
        });
        if (hash.isEmpty() && !c.allowNoCode()) {
            throw new IllegalStateException("no release code configured: set motam.gateway.release.code-hash "
                    + "(make one with 'java -jar quarkus-run.jar hash-release-code'; deploy/install-pi.sh asks for "
                    + "the code and writes it); without it any client could release a blocked system");
        }
        if (hash.isEmpty()) {
            LOG.warn("no release code configured and motam.gateway.release.allow-no-code=true: a BLOCKED system is "
                    + "released by any release command; never run a real gateway like this");
        } else {
            LOG.infof(
                    "release protected by a code (%d PBKDF2 iterations, lockout after %d wrong codes for %s%s)",
                    hash.get().iterations(),
                    c.maxFailures(),
                    c.lockout(),
                    c.requiredForStopResume() ? "; stop and resume need it too" : "");
        }
        return new ReleaseGuard(
                hash,
                c.maxFailures(),
                c.lockout(),
                dataDir.resolve("release-guard.json"),
                mapper,
                audit,
                Clock.systemUTC());
    }
}
