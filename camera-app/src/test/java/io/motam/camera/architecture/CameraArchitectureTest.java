package io.motam.camera.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.motam.testing.Layering;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The camera app's place in the layering of docs/architecture.md. */
class CameraArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = Layering.productionClasses();
    }

    @Test
    void camera_meetsTheGatewayOnlyThroughTheProtocol() {
        Layering.appsMeetOnlyThroughTheProtocol("io.motam.camera", "io.motam.gateway")
                .check(classes);
    }

    @Test
    void cameraPackages_haveNoCycles() {
        Layering.noPackageCycles("io.motam.camera").check(classes);
    }
}
