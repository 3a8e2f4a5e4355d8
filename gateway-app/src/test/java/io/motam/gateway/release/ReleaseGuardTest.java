package io.motam.gateway.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.motam.gateway.audit.AuditEntry;
import io.motam.gateway.audit.AuditLog;
import io.motam.gateway.testing.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Release code hashing and the lockout, on real files, across a "restart" (a new guard). */
class ReleaseGuardTest {
    private static ReleaseCodeHash hash;
    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path tmp;

    private final ManualClock clock = new ManualClock();

    @BeforeAll
    static void makeHash() {
        hash = ReleaseCodeHash.create("493817-open".toCharArray(), ReleaseCodeHash.MIN_ITERATIONS, new SecureRandom());
    }

    private ReleaseGuard guard(AuditLog audit) {
        return new ReleaseGuard(
                Optional.of(ReleaseCodeHash.parse(hash.encode())),
                3,
                Duration.ofMinutes(15),
                tmp.resolve("release-guard.json"),
                mapper,
                audit,
                clock);
    }

    @Test
    void hash_roundTripsThroughItsConfigForm_andChecksTheCode() {
        ReleaseCodeHash parsed = ReleaseCodeHash.parse(hash.encode());
        assertTrue(hash.encode().startsWith("pbkdf2-sha256:210000:"));
        assertTrue(parsed.matches("493817-open".toCharArray()));
        assertFalse(parsed.matches("493817-opem".toCharArray()));
        assertFalse(parsed.toString().contains(hash.encode().split(":")[3]), "toString redacts the hash");
    }

    @Test
    void hash_weakOrMalformed_isRefusedWithWhatWasExpected() {
        String weak = hash.encode().replace(":210000:", ":1000:");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReleaseCodeHash.parse(weak));
        assertEquals("expected at least 210000 iterations but was 1000", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReleaseCodeHash.parse("md5:abc"));
        assertThrows(
                IllegalArgumentException.class,
                () -> ReleaseCodeHash.create(
                        "12345".toCharArray(), ReleaseCodeHash.DEFAULT_ITERATIONS, new SecureRandom()));
    }

    @Test
    void wrongCodes_lockOut_evenTheRightCode_acrossARestart_untilTheLockoutEnds() throws Exception {
        try (AuditLog audit = AuditLog.open(tmp.resolve("audit.jsonl"), mapper, clock)) {
            ReleaseGuard g = guard(audit);
            assertEquals(
                    ReleaseGuard.Verdict.WRONG_CODE,
                    g.check("guess-1".toCharArray(), "release", ReleaseGuard.LOCAL)
                            .verdict());
            assertEquals(
                    ReleaseGuard.Verdict.WRONG_CODE,
                    g.check("guess-2".toCharArray(), "release", ReleaseGuard.LOCAL)
                            .verdict());
            ReleaseGuard.Check third = g.check("guess-3".toCharArray(), "release", ReleaseGuard.LOCAL);
            assertEquals(ReleaseGuard.Verdict.WRONG_CODE, third.verdict());
            assertTrue(third.reason().contains("locked out until 2026-11-23T08:15:00Z"), third.reason());
            assertEquals(
                    ReleaseGuard.Verdict.LOCKED_OUT,
                    g.check("493817-open".toCharArray(), "release", ReleaseGuard.LOCAL)
                            .verdict());

            ReleaseGuard restarted = guard(audit);
            assertEquals(
                    ReleaseGuard.Verdict.LOCKED_OUT,
                    restarted
                            .check("493817-open".toCharArray(), "release", ReleaseGuard.LOCAL)
                            .verdict(),
                    "a restart does not lift the lockout");
            clock.now = clock.now.plus(Duration.ofMinutes(15));
            assertEquals(
                    ReleaseGuard.Verdict.ACCEPTED,
                    restarted
                            .check("493817-open".toCharArray(), "release", ReleaseGuard.LOCAL)
                            .verdict());
            assertEquals(0, restarted.failures(ReleaseGuard.LOCAL));

            var actions = audit.recent().stream().map(AuditEntry::action).toList();
            assertEquals(
                    java.util.List.of("CODE_LOCKOUT"),
                    actions,
                    "the guard audits lockouts; the operator audits each command");
            String log = Files.readString(tmp.resolve("audit.jsonl"));
            assertFalse(log.contains("493817") || log.contains("guess-"), "no code ever reaches the audit log");
        }
    }

    @Test
    void lockout_ofTheBrokerDomain_leavesTheLocalOperatorFree() throws Exception {
        try (AuditLog audit = AuditLog.open(tmp.resolve("audit.jsonl"), mapper, clock)) {
            ReleaseGuard g = guard(audit);
            for (int i = 0; i < 3; i++) {
                g.check(("guess-" + i).toCharArray(), "release", ReleaseGuard.MQTT);
            }
            assertEquals(
                    ReleaseGuard.Verdict.LOCKED_OUT,
                    g.check("493817-open".toCharArray(), "release", ReleaseGuard.MQTT)
                            .verdict());
            assertTrue(g.lockedUntil(ReleaseGuard.MQTT).isPresent());
            assertTrue(g.lockedUntil(ReleaseGuard.LOCAL).isEmpty());
            assertEquals(
                    ReleaseGuard.Verdict.ACCEPTED,
                    guard(audit)
                            .check("493817-open".toCharArray(), "release", ReleaseGuard.LOCAL)
                            .verdict(),
                    "the local operator is not locked out, also after a restart");
            assertEquals(
                    ReleaseGuard.Verdict.LOCKED_OUT,
                    guard(audit)
                            .check("493817-open".toCharArray(), "release", ReleaseGuard.MQTT)
                            .verdict());
        }
    }

    @Test
    void unreadableGuardFile_locksEveryDomain() throws Exception {
        try (AuditLog audit = AuditLog.open(tmp.resolve("audit.jsonl"), mapper, clock)) {
            guard(audit).check("guess-1".toCharArray(), "release", ReleaseGuard.LOCAL);
            java.nio.file.Path file;
            try (var files = Files.list(tmp)) {
                file = files.filter(f -> !f.getFileName().toString().startsWith("audit"))
                        .findFirst()
                        .orElseThrow();
            }
            Files.writeString(file, "{not json");
            ReleaseGuard g = guard(audit);
            assertEquals(
                    ReleaseGuard.Verdict.LOCKED_OUT,
                    g.check("493817-open".toCharArray(), "release", ReleaseGuard.LOCAL)
                            .verdict());
            assertEquals(
                    ReleaseGuard.Verdict.LOCKED_OUT,
                    g.check("493817-open".toCharArray(), "release", ReleaseGuard.MQTT)
                            .verdict());
        }
    }

    @Test
    void failuresCount_survivesARestart() throws Exception {
        try (AuditLog audit = AuditLog.open(tmp.resolve("audit.jsonl"), mapper, clock)) {
            guard(audit).check("guess-1".toCharArray(), "release", ReleaseGuard.LOCAL);
            guard(audit).check("guess-2".toCharArray(), "release", ReleaseGuard.LOCAL);
            ReleaseGuard.Check c = guard(audit).check("guess-3".toCharArray(), "release", ReleaseGuard.LOCAL);
            assertTrue(
                    c.reason().contains("locked out"), "three restarts do not give three fresh tries: " + c.reason());
        }
    }

    @Test
    void missingCode_isRefusedWithoutCounting_andNoHashMeansUnprotected() throws Exception {
        try (AuditLog audit = AuditLog.open(tmp.resolve("audit.jsonl"), mapper, clock)) {
            ReleaseGuard g = guard(audit);
            assertEquals(
                    ReleaseGuard.Verdict.CODE_REQUIRED,
                    g.check(null, "release", ReleaseGuard.LOCAL).verdict());
            assertEquals(0, g.failures(ReleaseGuard.LOCAL));
            ReleaseGuard open = new ReleaseGuard(
                    Optional.empty(), 3, Duration.ofMinutes(1), tmp.resolve("g2.json"), mapper, audit, clock);
            assertEquals(
                    ReleaseGuard.Verdict.UNPROTECTED,
                    open.check(null, "release", ReleaseGuard.LOCAL).verdict());
        }
    }
}
