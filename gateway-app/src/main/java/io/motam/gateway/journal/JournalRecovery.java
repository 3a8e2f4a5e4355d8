package io.motam.gateway.journal;

import io.motam.storage.LineFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Brings a journal directory back to a consistent state when the journal opens: finds the
 * segments (an empty directory gets its first one), replays
 * the entries {@code sequences.json} does not cover into the {@link CameraSequences}, and cuts a
 * torn or corrupt tail off the active segment. Runs once, before the journal is shared.
 */
final class JournalRecovery {

    private final EventJournal journal;
    private final Path dir;
    private final CameraSequences sequences;
    private final List<Segment> segments = new ArrayList<>();
    private LineFile<JournalEntry> active;
    private long lastIndex;

    /**
     * What recovery found.
     *
     * @param segments  the segments, oldest first; the last one is active, the others are sealed
     * @param active    the active segment, open for appending after its last whole line
     * @param lastIndex index of the last entry on disk
     */
    record Result(List<Segment> segments, LineFile<JournalEntry> active, long lastIndex) {}

    JournalRecovery(EventJournal journal, CameraSequences sequences) {
        this.journal = journal;
        this.dir = journal.directory();
        this.sequences = sequences;
    }

    /** Finds, replays and repairs the segments; the caller owns the returned active channel. */
    Result run() throws IOException {
        List<Segment> found = listSegments();
        if (found.isEmpty()) {
            Segment first = Segment.in(dir, 1);
            Files.createFile(first.file);
            found = List.of(first);
        }
        segments.addAll(found);
        sequences.load();
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (!last) {
                s.sealedSize = Files.size(s.file);
                long lastOfSegment = segments.get(i + 1).first - 1;
                if (lastOfSegment > sequences.recordedThrough()) {
                    replaySealed(s);
                }
                lastIndex = Math.max(lastIndex, lastOfSegment);
            } else {
                lastIndex = Math.max(lastIndex, s.first - 1);
                replayActive(s);
            }
        }
        return new Result(segments, active, lastIndex);
    }

    private List<Segment> listSegments() throws IOException {
        List<Segment> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> Segment.firstIndexOf(f.getFileName().toString())
                    .ifPresent(first -> out.add(new Segment(first, f))));
        }
        out.sort((a, b) -> Long.compare(a.first, b.first));
        return out;
    }

    /** Replays a sealed segment; an unreadable line is skipped and logged, the entries after it are kept. */
    private void replaySealed(Segment s) throws IOException {
        LineFile.read(s.file, EventJournal.MAX_RECORD, journal::parse, this::remember);
    }

    /**
     * Replays the active segment and cuts what follows its last readable line: a line torn by a
     * crash mid-write (or unreadable lines at the very end). An unreadable line with readable ones
     * after it is damage, not a torn write: it is skipped, as in a sealed segment, and the entries
     * after it stay (they were fsync'd and may have been acknowledged; their indexes stay taken).
     */
    private void replayActive(Segment s) throws IOException {
        active = LineFile.open(s.file, false, EventJournal.MAX_RECORD, journal::parse, this::remember);
    }

    private void remember(JournalEntry e) {
        lastIndex = Math.max(lastIndex, e.index());
        sequences.remember(e.cameraId(), e.cameraSeq());
    }
}
