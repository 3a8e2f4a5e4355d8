package io.motam.gateway.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.motam.testing.Layering;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway app's place in the layering of docs/architecture.md. */
class GatewayArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = Layering.productionClasses();
    }

    @Test
    void gateway_meetsTheCameraOnlyThroughTheProtocol() {
        Layering.appsMeetOnlyThroughTheProtocol("io.motam.gateway", "io.motam.camera")
                .check(classes);
    }

    @Test
    void gatewayPackages_haveNoCycles() {
        Layering.noPackageCycles("io.motam.gateway").check(classes);
    }
}
