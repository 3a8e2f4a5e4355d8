package io.motam.gateway.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A child process for {@link AuditLogCrashTest}: appends audit entries as fast as it can until
 * it is killed, touching {@code <file>.ready} after the first 50.
 */
public final class AuditAppender {
    private AuditAppender() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        try (AuditLog log = AuditLog.open(file, new ObjectMapper(), Clock.systemUTC())) {
            String padding = "x".repeat(Integer.parseInt(args[1]));
            for (long i = 1; ; i++) {
                log.append("DENIED", "cam-" + i, "ab".repeat(32), "AA:BB:CC:DD:EE:FF", "entry " + i + " " + padding);
                if (i == 50) {
                    Files.createFile(Path.of(args[0] + ".ready"));
                }
            }
        }
    }
}
