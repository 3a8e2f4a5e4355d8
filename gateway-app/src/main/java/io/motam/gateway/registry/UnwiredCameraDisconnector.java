package io.motam.gateway.registry;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Stands in until the link provides a {@link CameraDisconnector}: says loudly that it cannot disconnect. */
@DefaultBean
@ApplicationScoped
public class UnwiredCameraDisconnector implements CameraDisconnector {
    private static final Logger LOG = Logger.getLogger(UnwiredCameraDisconnector.class);

    @Override
    public boolean disconnect(String cameraId, String reason) {
        LOG.warnf("camera %s should be disconnected (%s) but no link disconnector is wired: its current session "
                + "runs until it ends; it cannot reconnect", cameraId, reason);
        return false;
    }
}
