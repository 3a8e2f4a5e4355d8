package io.motam.demo.soak;

/**
 * The camera's numbering held against the gateway's journal.
 *
 * @param sent       the highest sequence number the camera assigned (it numbers from 1)
 * @param received   distinct camera sequence numbers in the journal
 * @param lost       numbers in 1..sent neither journaled nor still queued at the camera
 * @param duplicated journal lines beyond the first for a sequence number
 * @param queued     numbers still in the camera's outbox and not journaled (kept, not lost)
 * @param beyond     journaled numbers above {@code sent} (the camera's numbering went back)
 */
record EventTally(long sent, long received, long lost, long duplicated, long queued, long beyond) {

    static EventTally of(JournalScan journal, CameraRecord camera) {
        long lost = 0;
        long queued = 0;
        for (long s = 1; s <= camera.lastSequence(); s++) {
            if (!journal.holds(s)) {
                if (camera.pending().contains(s)) {
                    queued++;
                } else {
                    lost++;
                }
            }
        }
        long beyond = journal.occurrences().keySet().stream()
                .filter(s -> s > camera.lastSequence())
                .count();
        return new EventTally(camera.lastSequence(), journal.distinct(), lost, journal.duplicated(), queued, beyond);
    }
}
