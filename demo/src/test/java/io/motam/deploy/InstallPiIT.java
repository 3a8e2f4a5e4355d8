package io.motam.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/install-pi.sh} run twice into a throwaway root ({@code MOTAM_ROOT}): the files
 * land where the units and docs say, with the modes they promise; the gateway's release code
 * (from {@code MOTAM_RELEASE_CODE}) becomes a hash line made by the installed jar that verifies
 * the code; the second run changes nothing but restarts the service again.
 */
class InstallPiIT {
    private static final Path REPO =
            Path.of(System.getProperty("motam.repo.dir", "..")).toAbsolutePath().normalize();
    private static final String CODE = "install-test-code-42";
    private static final String HASH_KEY = "motam.gateway.release.code-hash=";

    @TempDir
    Path tmp;

    record Run(int exit, String output) {}

    private Run install(Path root, Map<String, String> extraEnv, String... args)
            throws IOException, InterruptedException {
        // setsid: no controlling terminal, so the script cannot ask for a code on /dev/tty
        List<String> cmd = new ArrayList<>(
                List.of("setsid", "-w", REPO.resolve("deploy/install-pi.sh").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().remove("MOTAM_RELEASE_CODE");
        pb.environment().put("MOTAM_ROOT", root.toString());
        pb.environment()
                .put(
                        "JAVA",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().putAll(extraEnv);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        return new Run(p.exitValue(), out);
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void gateway_installedTwiceIntoARoot_filesModesAndHashRightAndSecondRunIdempotent() throws Exception {
        Path root = tmp.resolve("root");
        Run first = install(root, Map.of("MOTAM_RELEASE_CODE", CODE), "gateway");
        assertEquals(0, first.exit(), first.output());

        assertTrue(Files.isRegularFile(root.resolve("opt/motam/gateway/quarkus-run.jar")), first.output());
        Path props = root.resolve("etc/motam/gateway.properties");
        assertEquals("rw-r-----", mode(props));
        assertEquals("rwxr-x---", mode(root.resolve("etc/motam")));
        Path unit = root.resolve("etc/systemd/system/motam-gateway.service");
        assertEquals("rw-r--r--", mode(unit));
        assertArrayEquals(
                Files.readAllBytes(REPO.resolve("deploy/systemd/motam-gateway.service")), Files.readAllBytes(unit));
        Path dbus = root.resolve("etc/dbus-1/system.d/motam-bluetooth.conf");
        assertEquals("rw-r--r--", mode(dbus));
        assertArrayEquals(
                Files.readAllBytes(REPO.resolve("deploy/dbus/motam-bluetooth.conf")), Files.readAllBytes(dbus));

        List<String> hashLines = Files.readAllLines(props).stream()
                .filter(l -> l.startsWith(HASH_KEY))
                .toList();
        assertEquals(1, hashLines.size(), Files.readString(props));
        assertTrue(verifies(hashLines.get(0).substring(HASH_KEY.length()), CODE), hashLines.get(0));
        assertFalse(verifies(hashLines.get(0).substring(HASH_KEY.length()), CODE + "x"), hashLines.get(0));
        assertFalse(first.output().contains(CODE), "the code must not be printed: " + first.output());

        for (String expected : List.of(
                "would run: apt-get update",
                "default-jre-headless",
                "mosquitto",
                "would run: useradd --system",
                "would run: usermod -a -G video motam",
                "would run: usermod -a -G bluetooth motam",
                "would run: systemctl reload dbus",
                "would run: systemctl daemon-reload",
                "would run: systemctl enable motam-gateway.service",
                "would run: systemctl restart motam-gateway.service",
                "would run: chown root:motam /etc/motam/gateway.properties",
                "would run: runuser -u motam -- /opt/motam/bin/cds-archive.sh /var/lib/motam/gateway/app.jsa "
                        + "/opt/motam/gateway/quarkus-run.jar -Xmx64m -XX:+UseSerialGC")) {
            assertTrue(first.output().contains(expected), "expected '" + expected + "' in " + first.output());
        }
        assertFalse(first.output().contains("openjdk-17"), "Trixie has no openjdk-17: " + first.output());

        Map<Path, byte[]> before = snapshot(root.resolve("etc"));
        Run second = install(root, Map.of(), "gateway"); // no code given: the hash is already there
        assertEquals(0, second.exit(), second.output());
        assertTrue(second.output().contains("release code hash is already set"), second.output());
        assertTrue(second.output().contains("kept /etc/motam/gateway.properties"), second.output());
        assertTrue(second.output().contains("would run: systemctl restart motam-gateway.service"), second.output());
        Map<Path, byte[]> after = snapshot(root.resolve("etc"));
        assertEquals(before.keySet(), after.keySet());
        before.forEach((p, b) -> assertArrayEquals(b, after.get(p), p + " changed on the second run"));
        assertEquals("rw-r-----", mode(props));
        try (Stream<Path> s = Files.list(root.resolve("opt/motam"))) {
            assertEquals(
                    List.of("README.md", "bin", "gateway"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals("rwxr-xr-x", mode(root.resolve("opt/motam/bin/cds-archive.sh")));
        assertTrue(Files.isDirectory(root.resolve("var/lib/motam/gateway")));
    }

    @Test
    void gateway_withoutACodeAndWithoutATerminal_refusesAndWritesNoHash() throws Exception {
        Path root = tmp.resolve("root");
        Run run = install(root, Map.of(), "gateway");
        assertNotEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("set MOTAM_RELEASE_CODE"), run.output());
        assertFalse(
                Files.readString(root.resolve("etc/motam/gateway.properties")).contains(HASH_KEY + "pbkdf2"));
    }

    @Test
    void gateway_codeTooShort_refusedAndNoHashWritten() throws Exception {
        Path root = tmp.resolve("root");
        Run run = install(root, Map.of("MOTAM_RELEASE_CODE", "12345"), "gateway");
        assertNotEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("made no hash"), run.output());
        assertFalse(
                Files.readString(root.resolve("etc/motam/gateway.properties")).contains(HASH_KEY + "pbkdf2"));
    }

    @Test
    void camera_withModelsFolder_installsTheOnnxFilesAndWithoutOneSaysSo() throws Exception {
        Path models = Files.createDirectories(tmp.resolve("models"));
        Files.write(models.resolve("fr_detect.onnx"), new byte[] {1, 2, 3});
        Files.write(models.resolve("fr_feature.onnx"), new byte[] {4, 5});
        Files.writeString(models.resolve("README.txt"), "not a model");
        Path root = tmp.resolve("root");
        Run run = install(root, Map.of(), "camera", models.toString());
        assertEquals(0, run.exit(), run.output());
        try (Stream<Path> s = Files.list(root.resolve("opt/motam/models/faceplugin"))) {
            assertEquals(
                    List.of("fr_detect.onnx", "fr_feature.onnx"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals("rw-r--r--", mode(root.resolve("opt/motam/models/faceplugin/fr_detect.onnx")));
        assertTrue(Files.isRegularFile(root.resolve("opt/motam/camera/quarkus-run.jar")));
        assertTrue(Files.isRegularFile(root.resolve("etc/systemd/system/motam-camera.service")));
        assertTrue(run.output().contains("would run: systemctl restart motam-camera.service"), run.output());
        assertFalse(run.output().contains("mosquitto"), run.output());
        assertEquals(
                List.of("motam.recognition.engine=embedding"),
                engineLines(root),
                "the install chooses the engine it installed");

        Files.writeString(
                root.resolve("etc/motam/camera.properties"),
                Files.readString(root.resolve("etc/motam/camera.properties"))
                        .replace("engine=embedding", "engine=lbph"));
        Run again = install(root, Map.of(), "camera", models.toString());
        assertEquals(0, again.exit(), again.output());
        assertEquals(List.of("motam.recognition.engine=lbph"), engineLines(root), "an operator's choice is kept");

        Run without = install(
                tmp.resolve("root2"),
                Map.of(),
                "camera",
                tmp.resolve("no-models").toString());
        assertEquals(0, without.exit(), without.output());
        assertTrue(without.output().contains("note: no ONNX models"), without.output());
        assertFalse(Files.exists(tmp.resolve("root2/opt/motam/models")));
        assertEquals(List.of("motam.recognition.engine=lbph"), engineLines(tmp.resolve("root2")));
    }

    private static List<String> engineLines(Path root) throws Exception {
        return Files.readAllLines(root.resolve("etc/motam/camera.properties")).stream()
                .filter(l -> l.matches("#? *motam\\.recognition\\.engine=.*"))
                .toList();
    }

    /** PBKDF2-HMAC-SHA256 by the JDK, independent of the gateway's own check. */
    private static boolean verifies(String hash, String code) throws Exception {
        String[] f = hash.split(":");
        assertEquals(4, f.length, "expected pbkdf2-sha256:<iterations>:<salt>:<hash> but was " + hash);
        assertEquals("pbkdf2-sha256", f[0]);
        byte[] salt = Base64.getDecoder().decode(f[2]);
        byte[] expected = Base64.getDecoder().decode(f[3]);
        byte[] got = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(code.toCharArray(), salt, Integer.parseInt(f[1]), expected.length * 8))
                .getEncoded();
        return MessageDigest.isEqual(expected, got);
    }

    private static Map<Path, byte[]> snapshot(Path dir) throws IOException {
        Map<Path, byte[]> m = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(dir.relativize(p), Files.readAllBytes(p));
            }
        }
        return m;
    }
}
