package io.motam.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.motam.testing.Layering;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Bluetooth link's place in the layering of docs/architecture.md. */
class BluetoothArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = Layering.productionClasses();
    }

    @Test
    void bluetooth_knowsNeitherApp() {
        Layering.appsMeetOnlyThroughTheProtocol("io.motam.link", "io.motam.camera")
                .check(classes);
        Layering.appsMeetOnlyThroughTheProtocol("io.motam.link", "io.motam.gateway")
                .check(classes);
    }

    @Test
    void linkPackages_haveNoCycles() {
        Layering.noPackageCycles("io.motam.link").check(classes);
    }
}
