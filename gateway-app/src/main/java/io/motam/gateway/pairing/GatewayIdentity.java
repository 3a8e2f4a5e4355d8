package io.motam.gateway.pairing;

import io.motam.gateway.config.GatewayConfig;
import io.motam.protocol.session.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** The gateway's long-term key, created on first start under {@code <data-dir>/identity} (owner-only). */
@ApplicationScoped
public class GatewayIdentity {
    private static final Logger LOG = Logger.getLogger(GatewayIdentity.class);

    @Produces
    @Singleton
    Identity identity(GatewayConfig gateway, @ConfigProperty(name = "motam.data-dir") Path dataDir) {
        try {
            Identity id = Identity.loadOrCreate(dataDir.resolve("identity"), "motam-gateway-" + gateway.id());
            LOG.infof(
                    "gateway %s key fingerprint %s",
                    gateway.id(), id.fingerprint().hex());
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load or create the gateway identity under " + dataDir, e);
        }
    }
}
