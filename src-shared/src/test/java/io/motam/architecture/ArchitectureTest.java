package io.motam.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.motam.testing.Layering;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The protocol engine's place in the layering of docs/architecture.md. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = Layering.productionClasses();
    }

    @Test
    void engine_dependsOnNoRadioVisionBrokerOrFramework() {
        Layering.engineKnowsNoRadioVisionBrokerOrFramework().check(classes);
    }

    @Test
    void protocolPackages_haveNoCycles() {
        Layering.noPackageCycles("io.motam.protocol").check(classes);
    }

    @Test
    void enginePackages_haveNoCyclesBetweenThem() {
        Layering.noPackageCycles("io.motam").check(classes);
    }
}
