package io.motam.protocol.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feature lines as Linux prints them in {@code /proc/cpuinfo} on the machines MOTAM runs on. */
class AesInstructionsTest {

    /** x86-64 with AES-NI (abridged flags line of an AMD EPYC). */
    private static final String X86_AES = "flags\t\t: fpu vme de pse tsc msr pae mce cx8 sse4_1 sse4_2 movbe popcnt aes"
            + " xsave avx f16c rdrand hypervisor lahf_lm";
    /** x86-64 without AES-NI; {@code vaes} is a different flag and does not count as {@code aes}. */
    private static final String X86_NO_AES =
            "flags\t\t: fpu vme de pse tsc msr pae mce cx8 sse sse2 ssse3 vaes pclmulqdq";
    /** Raspberry Pi 4 (Cortex-A72, BCM2711): no ARMv8 crypto extensions. */
    private static final String PI4 = "Features\t: fp asimd evtstrm crc32 cpuid";
    /** Raspberry Pi 5 (Cortex-A76, BCM2712): with them. */
    private static final String PI5 =
            "Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid"
                    + " asimdrdm lrcpc dcpop asimddp";

    @Test
    void fromCpuinfo_x86FlagsWithAes_present() {
        assertEquals(
                Optional.of(true),
                AesInstructions.fromCpuinfo(List.of("processor\t: 0", X86_AES, "processor\t: 1", X86_AES)));
    }

    @Test
    void fromCpuinfo_x86FlagsWithoutAesToken_absent() {
        assertEquals(Optional.of(false), AesInstructions.fromCpuinfo(List.of("processor\t: 0", X86_NO_AES)));
    }

    @Test
    void fromCpuinfo_raspberryPi4Features_absent() {
        assertEquals(
                Optional.of(false),
                AesInstructions.fromCpuinfo(List.of(
                        "processor\t: 0",
                        "BogoMIPS\t: 108.00",
                        PI4,
                        "CPU implementer\t: 0x41",
                        "processor\t: 1",
                        PI4)));
    }

    @Test
    void fromCpuinfo_raspberryPi5Features_present() {
        assertEquals(Optional.of(true), AesInstructions.fromCpuinfo(List.of("processor\t: 0", PI5)));
    }

    @Test
    void fromCpuinfo_oneCoreWithoutAes_absent() {
        assertEquals(Optional.of(false), AesInstructions.fromCpuinfo(List.of(PI5, PI4)));
    }

    @Test
    void fromCpuinfo_noFeatureLine_unknown() {
        assertEquals(Optional.empty(), AesInstructions.fromCpuinfo(List.of("processor\t: 0", "model name\t: aes", "")));
    }

    @Test
    void detect_unreadableFile_unknown(@TempDir Path dir) {
        assertEquals(Optional.empty(), AesInstructions.detect(dir.resolve("no-cpuinfo")));
    }

    @Test
    void detect_fileWithPiFeatures_absent(@TempDir Path dir) throws IOException {
        Path cpuinfo =
                Files.writeString(dir.resolve("cpuinfo"), "processor\t: 0\n" + PI4 + "\n\nHardware\t: BCM2835\n");
        assertEquals(Optional.of(false), AesInstructions.detect(cpuinfo));
    }

    @Test
    void detect_thisLinuxMachine_knowsTheAnswer() {
        assertTrue(AesInstructions.detect().isPresent(), "expected /proc/cpuinfo to name the CPU features");
    }

    @Test
    void resolve_auto_followsTheCpu() {
        assertEquals(CipherPreference.CHACHA20, CipherPreference.forCpu(Optional.of(false)));
        assertEquals(CipherPreference.AES_GCM, CipherPreference.forCpu(Optional.of(true)));
        assertEquals(CipherPreference.CHACHA20, CipherPreference.forCpu(Optional.empty()));
        CipherPreference expected = CipherPreference.forCpu(AesInstructions.detect());
        assertEquals(expected, CipherPreference.AUTO.resolve());
        assertEquals(CipherPreference.AES_GCM, CipherPreference.AES_GCM.resolve());
        assertEquals(CipherPreference.CHACHA20, CipherPreference.CHACHA20.resolve());
    }

    @Test
    void parse_configSpellings_andRejectsOthers() {
        assertEquals(CipherPreference.AUTO, CipherPreference.parse("auto"));
        assertEquals(CipherPreference.CHACHA20, CipherPreference.parse(" ChaCha20 "));
        assertEquals(CipherPreference.AES_GCM, CipherPreference.parse("aes-gcm"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> CipherPreference.parse("aes"));
        assertEquals("expected a cipher preference of auto, chacha20 or aes-gcm but was \"aes\"", e.getMessage());
    }
}
