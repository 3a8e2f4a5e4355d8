package io.motam.demo.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files the gateway's backup store took in, from its index ({@code <backup>/index.jsonl},
 * {@code {"op":"add","path":…,"camera":…,"kind":…,"size":…,"sha256":…}} per stored file), each
 * checked to be on disk with the indexed size.
 *
 * @param byKind        stored files per kind (snapshot, log, model)
 * @param missing       indexed files not on disk or of another size (and not removed since)
 * @param sameContent   files stored again with the SHA-256 of a file already stored
 */
record BackupScan(Map<String, Long> byKind, long missing, long sameContent) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static BackupScan read(Path backupDir) throws IOException {
        Path index = backupDir.resolve("index.jsonl");
        Map<String, Long> byKind = new TreeMap<>();
        Map<String, JsonNode> live = new HashMap<>();
        Map<String, Integer> bySha = new HashMap<>();
        if (!Files.exists(index)) {
            return new BackupScan(byKind, 0, 0);
        }
        List<String> lines = Files.readAllLines(index);
        for (String line : lines) {
            JsonNode n;
            try {
                n = MAPPER.readTree(line);
            } catch (IOException e) {
                continue; // a torn last line is the store's to repair
            }
            String path = n.path("path").asText();
            if ("add".equals(n.path("op").asText())) {
                byKind.merge(n.path("kind").asText("?"), 1L, Long::sum);
                bySha.merge(n.path("camera").asText() + "/" + n.path("sha256").asText(), 1, Integer::sum);
                live.put(path, n);
            } else if ("remove".equals(n.path("op").asText())) {
                live.remove(path);
            }
        }
        long missing = 0;
        for (JsonNode n : live.values()) {
            Path f = backupDir.resolve(n.path("path").asText());
            if (!Files.isRegularFile(f) || Files.size(f) != n.path("size").asLong(-1)) {
                missing++;
            }
        }
        long same = bySha.values().stream().mapToLong(c -> c - 1).sum();
        return new BackupScan(byKind, missing, same);
    }

    long stored() {
        return byKind.values().stream().mapToLong(Long::longValue).sum();
    }
}
