package io.motam.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering drawn in {@code docs/architecture.md}, as ArchUnit rules every module's
 * {@code ArchitectureTest} checks against its own production classes:
 *
 * <ul>
 *   <li>the protocol engine ({@code io.motam.protocol}, {@code io.motam.link},
 *       {@code io.motam.storage}, {@code io.motam.domain}) knows no Bluetooth, D-Bus, OpenCV,
 *       MQTT or Quarkus;</li>
 *   <li>the two apps meet only through the protocol: camera code never uses gateway code and the
 *       other way round;</li>
 *   <li>no cycles between packages.</li>
 * </ul>
 */
public final class Layering {
    /** Packages of the protocol engine (module {@code src-shared}). */
    public static final String[] ENGINE = {
        "io.motam.protocol..", "io.motam.link", "io.motam.link.tcp..", "io.motam.storage..", "io.motam.domain.."
    };

    /** What the engine must not know: radios, buses, vision, brokers, the application framework. */
    public static final String[] OUTSIDE_ENGINE = {
        "io.motam.link.bluetooth..",
        "io.motam.systemd..",
        "org.bluez..",
        "org.freedesktop.dbus..",
        "com.github.hypfvieh..",
        "org.bytedeco..",
        "org.opencv..",
        "io.smallrye.reactive.messaging..",
        "io.vertx.mqtt..",
        "org.eclipse.paho..",
        "io.quarkus..",
        "jakarta.enterprise..",
        "io.motam.camera..",
        "io.motam.gateway.."
    };

    private Layering() {}

    /** The production classes under {@code io.motam} on the test class path (test classes and jars' tests left out). */
    public static JavaClasses productionClasses() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_ARCHIVES)
                .importPackages("io.motam");
    }

    /** The engine depends on nothing outside itself but the JDK and its libraries (Bouncy Castle, ZXing, logging). */
    public static ArchRule engineKnowsNoRadioVisionBrokerOrFramework() {
        return noClasses()
                .that()
                .resideInAnyPackage(ENGINE)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(OUTSIDE_ENGINE)
                .because("the protocol engine is shared by both apps and must run without Bluetooth, OpenCV, "
                        + "MQTT or Quarkus (docs/architecture.md)");
    }

    /** Code under {@code app} (e.g. {@code io.motam.camera}) never reaches into {@code other}. */
    public static ArchRule appsMeetOnlyThroughTheProtocol(String app, String other) {
        return noClasses()
                .that()
                .resideInAPackage(app + "..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(other + "..")
                .because("the camera and the gateway meet only through the protocol (docs/architecture.md)");
    }

    /** No package under {@code root} depends, directly or through others, on itself. */
    public static ArchRule noPackageCycles(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles();
    }
}
