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
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Checks the release code with lockout: after {@code maxFailures} wrong codes in a row from one
 * domain ("local": HTTP API, page, command line; "mqtt": MQTT and Home Assistant) every attempt
 * from that domain is refused, unchecked, for {@code lockout}; the other domain is not affected,
 * so a broker client cannot lock the local operator out. The counts and lockouts are persisted
 * ({@code <data-dir>/release-guard.json}, atomically, before the answer) so a restart neither
 * resets nor forgets them. Lockouts are audited here; every attempt is audited (coalesced) by
 * the operator service with its outcome, never with the code.
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

    /** Lockout domains: the local operator (HTTP API, page, command line) and the broker's clients. */
    public static final String LOCAL = "local";

    public static final String MQTT = "mqtt";
    private static final java.util.List<String> DOMAINS = java.util.List.of(LOCAL, MQTT);

    private final Optional<ReleaseCodeHash> hash;
    private final int maxFailures;
    private final Duration lockout;
    private final Path stateFile;
    private final ObjectMapper mapper;
    private final AuditLog audit;
    private final Clock clock;
    /** Failures and lockout of one domain. */
    private static final class Domain {
        int failures;
        Instant lockedUntil;
    }

    private final Map<String, Domain> domains = new TreeMap<>();

    public ReleaseGuard(
            Optional<ReleaseCodeHash> hash,
            int maxFailures,
            Duration lockout,
            Path stateFile,
            ObjectMapper mapper,
            AuditLog audit,
            Clock clock) {
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
     * Checks {@code code} (may be {@code null}) for {@code action} (e.g. "release") asked from
     * {@code domain} ("local" or "mqtt"). The caller wipes the code afterwards.
     */
    public synchronized Check check(char[] code, String action, String domain) {
        if (hash.isEmpty()) {
            return new Check(Verdict.UNPROTECTED, "no release code configured");
        }
        Domain d = domains.computeIfAbsent(domain, k -> new Domain());
        Instant now = clock.instant();
        if (d.lockedUntil != null && now.isBefore(d.lockedUntil)) {
            return new Check(Verdict.LOCKED_OUT, "locked out until " + d.lockedUntil + " after wrong codes");
        }
        if (code == null || code.length == 0) {
            return new Check(Verdict.CODE_REQUIRED, "the release code is required");
        }
        if (hash.get().matches(code)) {
            if (d.failures != 0 || d.lockedUntil != null) {
                d.failures = 0;
                d.lockedUntil = null;
                persist();
            }
            return new Check(Verdict.ACCEPTED, "ok");
        }
        d.failures++;
        String reason;
        if (d.failures >= maxFailures) {
            d.lockedUntil = now.plus(lockout);
            reason = "wrong release code; " + d.failures + " wrong codes in a row: locked out until " + d.lockedUntil;
            d.failures = 0;
            persist();
            audit.append("CODE_LOCKOUT", null, null, null, action + " (" + domain + "): " + reason);
            LOG.warnf("%s (%s): %s", action, domain, reason);
        } else {
            persist();
            reason = "wrong release code (" + d.failures + " of " + maxFailures + " before lockout)";
        }
        return new Check(Verdict.WRONG_CODE, reason);
    }

    /** Until when attempts from {@code domain} are refused, if locked now. */
    public synchronized Optional<Instant> lockedUntil(String domain) {
        Domain d = domains.get(domain);
        return d != null && d.lockedUntil != null && clock.instant().isBefore(d.lockedUntil)
                ? Optional.of(d.lockedUntil)
                : Optional.empty();
    }

    public synchronized int failures(String domain) {
        Domain d = domains.get(domain);
        return d == null ? 0 : d.failures;
    }

    private void load() {
        if (!Files.exists(stateFile)) {
            return;
        }
        try {
            JsonNode n = mapper.readTree(Files.readAllBytes(stateFile));
            n.path("domains").fields().forEachRemaining(f -> {
                Domain d = new Domain();
                d.failures = f.getValue().path("failures").asInt(0);
                d.lockedUntil = f.getValue().hasNonNull("lockedUntil")
                        ? Instant.parse(f.getValue().get("lockedUntil").asText())
                        : null;
                domains.put(f.getKey(), d);
            });
        } catch (IOException | RuntimeException e) {
            // an unreadable guard must not hand out fresh attempts: treat it as a lockout of every domain
            for (String name : DOMAINS) {
                Domain d = new Domain();
                d.lockedUntil = clock.instant().plus(lockout);
                domains.put(name, d);
            }
            LOG.errorf("release guard %s is unreadable (%s): locked for %s", stateFile, e.getMessage(), lockout);
        }
    }

    private void persist() {
        ObjectNode n = mapper.createObjectNode();
        ObjectNode all = n.putObject("domains");
        domains.forEach((name, d) -> all.putObject(name)
                .put("failures", d.failures)
                .put("lockedUntil", d.lockedUntil == null ? null : d.lockedUntil.toString()));
        try {
            AtomicFiles.write(stateFile, mapper.writeValueAsBytes(n), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot persist the release guard " + stateFile, e);
        }
    }
}
