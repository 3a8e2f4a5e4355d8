package io.motam.gateway.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.motam.gateway.audit.AuditLog;
import io.motam.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Checks the release code with lockout: after {@code maxFailures} wrong codes in a row every
 * attempt is refused, unchecked, for {@code lockout}. The count and the lockout are persisted
 * ({@code <data-dir>/release-guard.json}, atomically, before the answer) so a restart neither
 * resets nor forgets them. Every attempt is audited, never with the code.
 *
 * <pre>
 *   OPEN --wrong (failures &lt; max)--> OPEN
 *   OPEN --wrong (failures = max)--> LOCKED(until now + lockout) --time passes--> OPEN
 *   OPEN --right--> OPEN (failures = 0)
 * </pre>
 *
 * Without a configured hash every action is allowed ({@link Verdict#UNPROTECTED}).
 */
public final class ReleaseGuard {
    private static final Logger LOG = Logger.getLogger(ReleaseGuard.class);

    /** What a check decided. */
    public enum Verdict {
        /** The code is right. */
        ACCEPTED(true),
        /** No code is configured: allowed without one. */
        UNPROTECTED(true),
        /** A code is configured and none was given (not counted as a failure). */
        CODE_REQUIRED(false),
        /** The code is wrong (counted). */
        WRONG_CODE(false),
        /** Locked after too many wrong codes; not checked. */
        LOCKED_OUT(false);

        private final boolean allowed;

        Verdict(boolean allowed) {
            this.allowed = allowed;
        }

        public boolean allowed() {
            return allowed;
        }
    }

    /** A verdict and the reason given to the operator. */
    public record Check(Verdict verdict, String reason) {
        public boolean allowed() {
            return verdict.allowed();
        }
    }

    private final Optional<ReleaseCodeHash> hash;
    private final int maxFailures;
    private final Duration lockout;
    private final Path stateFile;
    private final ObjectMapper mapper;
    private final AuditLog audit;
    private final Clock clock;
    private int failures;
    private Instant lockedUntil;

    public ReleaseGuard(Optional<ReleaseCodeHash> hash, int maxFailures, Duration lockout, Path stateFile,
            ObjectMapper mapper, AuditLog audit, Clock clock) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("expected max-failures >= 1 but was " + maxFailures);
        }
        this.hash = hash;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
        this.stateFile = stateFile;
        this.mapper = mapper;
        this.audit = audit;
        this.clock = clock;
        load();
    }

    public boolean protectedByCode() {
        return hash.isPresent();
    }

    /**
     * Checks {@code code} (may be {@code null}) for {@code action} (e.g. "release"). The caller
     * wipes the code afterwards.
     */
    public synchronized Check check(char[] code, String action) {
        if (hash.isEmpty()) {
            return new Check(Verdict.UNPROTECTED, "no release code configured");
        }
        Instant now = clock.instant();
        if (lockedUntil != null && now.isBefore(lockedUntil)) {
            audit.append("CODE_LOCKED_OUT", null, null, null, action + " refused: locked out until " + lockedUntil);
            LOG.warnf("%s refused: release code locked out until %s", action, lockedUntil);
            return new Check(Verdict.LOCKED_OUT, "locked out until " + lockedUntil + " after wrong codes");
        }
        if (code == null || code.length == 0) {
            audit.append("CODE_MISSING", null, null, null, action + " refused: the release code is required");
            return new Check(Verdict.CODE_REQUIRED, "the release code is required");
        }
        if (hash.get().matches(code)) {
            failures = 0;
            lockedUntil = null;
            persist();
            audit.append("CODE_ACCEPTED", null, null, null, action + " authorised by the release code");
            return new Check(Verdict.ACCEPTED, "ok");
        }
        failures++;
        String reason;
        if (failures >= maxFailures) {
            lockedUntil = now.plus(lockout);
            reason = "wrong release code; " + failures + " wrong codes in a row: locked out until " + lockedUntil;
            failures = 0;
            persist();
            audit.append("CODE_LOCKOUT", null, null, null, action + ": " + reason);
            LOG.warnf("%s: %s", action, reason);
        } else {
            persist();
            reason = "wrong release code (" + failures + " of " + maxFailures + " before lockout)";
            audit.append("CODE_WRONG", null, null, null, action + ": " + reason);
            LOG.warnf("%s refused: %s", action, reason);
        }
        return new Check(Verdict.WRONG_CODE, reason);
    }

    /** Until when attempts are refused, if locked now. */
    public synchronized Optional<Instant> lockedUntil() {
        return lockedUntil != null && clock.instant().isBefore(lockedUntil) ? Optional.of(lockedUntil) : Optional.empty();
    }

    public synchronized int failures() {
        return failures;
    }

    private void load() {
        if (!Files.exists(stateFile)) {
            return;
        }
        try {
            JsonNode n = mapper.readTree(Files.readAllBytes(stateFile));
            failures = n.path("failures").asInt(0);
            lockedUntil = n.hasNonNull("lockedUntil") ? Instant.parse(n.get("lockedUntil").asText()) : null;
        } catch (IOException | RuntimeException e) {
            // an unreadable guard must not hand out fresh attempts: treat it as a lockout
            lockedUntil = clock.instant().plus(lockout);
            LOG.errorf("release guard %s is unreadable (%s): locked until %s", stateFile, e.getMessage(), lockedUntil);
        }
    }

    private void persist() {
        ObjectNode n = mapper.createObjectNode();
        n.put("failures", failures).put("lockedUntil", lockedUntil == null ? null : lockedUntil.toString());
        try {
            AtomicFiles.write(stateFile, mapper.writeValueAsBytes(n), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot persist the release guard " + stateFile, e);
        }
    }
}
