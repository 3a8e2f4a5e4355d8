package io.motam.gateway.http;

import io.motam.gateway.journal.EventJournal;
import io.motam.gateway.journal.JournalEntry;
import io.motam.gateway.journal.JournalReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jboss.logging.Logger;

/** The last entries of the event journal, read through its own reader (read-only). */
final class JournalTail {
    private static final Logger LOG = Logger.getLogger(JournalTail.class);

    private JournalTail() {}

    /** Up to {@code max} entries, newest first. */
    static List<JournalEntry> last(EventJournal journal, int max) {
        long after = Math.max(0, journal.lastIndex() - max);
        List<JournalEntry> out = new ArrayList<>(max);
        try (JournalReader r = journal.reader(after)) {
            for (JournalEntry e = r.next(); e != null && out.size() < max; e = r.next()) {
                out.add(e);
            }
        } catch (IOException e) {
            LOG.debugf("journal tail unreadable: %s", e.getMessage());
        }
        Collections.reverse(out);
        return out;
    }
}
