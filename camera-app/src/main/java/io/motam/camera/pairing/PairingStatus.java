package io.motam.camera.pairing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Whether this camera already has its gateway: a readable pin in the data folder (written by the
 * uplink after the first successful pairing). Once true it stays true for this run.
 */
@ApplicationScoped
public class PairingStatus {
    private static final Logger LOG = Logger.getLogger(PairingStatus.class);

    private final Path dataDir;
    private volatile boolean paired;
    private String lastProblem;

    @Inject
    public PairingStatus(@ConfigProperty(name = "motam.data-dir") Path dataDir) {
        this.dataDir = dataDir;
    }

    /** True when a gateway pin is stored (a broken pin file counts as not paired, logged once). */
    public boolean paired() {
        if (paired) {
            return true;
        }
        try {
            paired = GatewayPin.load(dataDir).isPresent();
        } catch (IOException e) {
            synchronized (this) {
                if (!e.getMessage().equals(lastProblem)) {
                    lastProblem = e.getMessage();
                    LOG.warnf("gateway pin unreadable, treated as not paired: %s", e.getMessage());
                }
            }
        }
        return paired;
    }
}
