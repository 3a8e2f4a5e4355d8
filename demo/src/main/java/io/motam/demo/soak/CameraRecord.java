package io.motam.demo.soak;

import io.motam.protocol.delivery.Outbox;
import io.motam.protocol.frame.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the camera numbered and still holds, read from its outbox with the camera's own class
 * ({@link Outbox}, as the camera opens it at its next start), after the camera process has
 * ended: the last sequence number it gave out (it numbers events from 1, never twice), the
 * events not yet acknowledged by the gateway, and the files still queued for it
 * ({@code outbox/files/*.offer}).
 *
 * @param lastSequence the highest sequence number the camera assigned
 * @param pending      sequence numbers still waiting in the outbox
 * @param filesQueued  files still waiting for the gateway
 */
record CameraRecord(long lastSequence, Set<Long> pending, long filesQueued) {

    static CameraRecord read(Path cameraDataDir) throws IOException {
        Path dir = cameraDataDir.resolve("outbox");
        long last;
        Set<Long> pending;
        try (Outbox outbox = Outbox.open(dir, Integer.MAX_VALUE)) {
            last = outbox.lastSequence();
            pending = outbox.next(outbox.lastAcked(), Integer.MAX_VALUE).stream()
                    .map(Frame::sequence)
                    .collect(Collectors.toSet());
        }
        long files = 0;
        Path queue = dir.resolve("files");
        if (Files.isDirectory(queue)) {
            try (Stream<Path> s = Files.list(queue)) {
                files = s.filter(p -> p.getFileName().toString().endsWith(".offer"))
                        .count();
            }
        }
        return new CameraRecord(last, pending, files);
    }
}
