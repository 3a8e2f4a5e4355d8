package io.motam.camera.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Log lines of one logger, recorded while open (formatted, with their level). */
final class LogLines implements AutoCloseable {
    private final Logger logger;
    private final List<String> lines = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            String message = r.getParameters() == null || r.getParameters().length == 0
                    ? r.getMessage()
                    : String.format(r.getMessage(), r.getParameters());
            synchronized (lines) {
                lines.add(r.getLevel().getName() + " " + message);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    LogLines(Class<?> of) {
        logger = Logger.getLogger(of.getName());
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
