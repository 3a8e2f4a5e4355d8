package io.motam.gateway.link;

import io.motam.gateway.registry.CameraDisconnector;
import io.motam.protocol.message.Close;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Ends a revoked or thrown-out camera's live connection with CLOSE(NOT_AUTHORISED). */
@ApplicationScoped
public class LinkDisconnector implements CameraDisconnector {
    private static final Logger LOG = Logger.getLogger(LinkDisconnector.class);

    @Inject
    ActiveCameras active;

    @Override
    public boolean disconnect(String cameraId, String reason) {
        boolean was = active.disconnect(cameraId, Close.Reason.NOT_AUTHORISED);
        if (was) {
            LOG.infof("camera %s disconnected: %s", cameraId, reason);
        }
        return was;
    }
}
