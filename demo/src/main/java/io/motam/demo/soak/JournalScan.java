package io.motam.demo.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the gateway's event journal holds for one camera, read from its files
 * ({@code <gateway data-dir>/journal/events-<first index>.jsonl}, one JSON object a line:
 * {@code {"n":…,"topic":…,"camera":…,"seq":…,"payload":{…}}}). Lines are read only up to the
 * last newline, so a scan while the gateway writes sees whole lines only; a line that does not
 * parse is counted as damaged.
 *
 * @param occurrences per camera sequence number, how many journal lines carry it
 * @param damaged     lines that are not a journal entry
 */
record JournalScan(Map<Long, Integer> occurrences, long damaged) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static JournalScan read(Path journalDir, String cameraId) throws IOException {
        Map<Long, Integer> seen = new HashMap<>();
        long damaged = 0;
        if (!Files.isDirectory(journalDir)) {
            return new JournalScan(seen, 0);
        }
        List<Path> segments;
        try (Stream<Path> s = Files.list(journalDir)) {
            segments = s.filter(p -> p.getFileName().toString().matches("events-\\d{20}\\.jsonl"))
                    .sorted()
                    .toList();
        }
        for (Path segment : segments) {
            String text;
            try {
                text = new String(Files.readAllBytes(segment), StandardCharsets.UTF_8);
            } catch (java.nio.file.NoSuchFileException retired) {
                continue; // removed by retention meanwhile
            }
            int end = text.lastIndexOf('\n');
            if (end < 0) {
                continue;
            }
            for (String line : text.substring(0, end).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = MAPPER.readTree(line);
                } catch (IOException e) {
                    damaged++;
                    continue;
                }
                if (!n.isObject() || !n.has("seq") || !n.has("camera")) {
                    damaged++;
                    continue;
                }
                long seq = n.path("seq").asLong(0);
                if (seq > 0 && cameraId.equals(n.path("camera").asText())) {
                    seen.merge(seq, 1, Integer::sum);
                }
            }
        }
        return new JournalScan(seen, damaged);
    }

    /** Distinct camera sequence numbers journaled. */
    long distinct() {
        return occurrences.size();
    }

    /** Journal lines beyond the first for a sequence number. */
    long duplicated() {
        return occurrences.values().stream().mapToLong(c -> c - 1).sum();
    }

    long highest() {
        return occurrences.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    boolean holds(long seq) {
        return occurrences.containsKey(seq);
    }
}
