package io.motam.protocol.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Whether this CPU has AES instructions, read from {@code /proc/cpuinfo}: the {@code flags} line's
 * {@code aes} on x86 (AES-NI), the {@code Features} line's {@code aes} on arm64 (ARMv8 crypto
 * extensions). The JVM intrinsifies AES-GCM only where they exist; without them (Raspberry Pi 3
 * and 4) AES-GCM and GHASH run in plain Java and ChaCha20-Poly1305 is several times cheaper.
 */
public final class AesInstructions {

    /** Where Linux describes the CPU. */
    public static final Path CPUINFO = Path.of("/proc/cpuinfo");

    /** At most this many lines of {@code /proc/cpuinfo} are read (about 27 per x86 core). */
    private static final int MAX_LINES = 16_384;

    private AesInstructions() {}

    /**
     * The answer for this machine: present, absent, or empty when {@link #CPUINFO} cannot be read
     * or names no feature list (not Linux, or a container that hides it).
     */
    public static Optional<Boolean> detect() {
        return detect(CPUINFO);
    }

    static Optional<Boolean> detect(Path cpuinfo) {
        try (var lines = Files.lines(cpuinfo, StandardCharsets.US_ASCII)) {
            return fromCpuinfo(lines.limit(MAX_LINES).toList());
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /**
     * The answer for the given {@code /proc/cpuinfo} lines: AES instructions are present only if
     * every processor's feature line ({@code flags} on x86, {@code Features} on arm64) lists
     * {@code aes}; empty if no such line exists.
     */
    public static Optional<Boolean> fromCpuinfo(List<String> lines) {
        boolean seen = false;
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            if (!key.equals("flags") && !key.equals("Features")) {
                continue;
            }
            seen = true;
            boolean aes = false;
            for (String flag : line.substring(colon + 1).trim().split("\\s+")) {
                if (flag.equals("aes")) {
                    aes = true;
                    break;
                }
            }
            if (!aes) {
                return Optional.of(false);
            }
        }
        return seen ? Optional.of(true) : Optional.empty();
    }
}
