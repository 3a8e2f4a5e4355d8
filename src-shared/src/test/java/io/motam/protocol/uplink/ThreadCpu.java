package io.motam.protocol.uplink;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time (user + system) that this JVM's threads spend between a snapshot and now, for the
 * benchmarks: where a transfer's work goes, independent of how the two cores were shared.
 */
public final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU nanoseconds per live thread id, with the threads' names. */
    private final Map<Long, Long> nanos = new HashMap<>();

    private ThreadCpu() {}

    public static ThreadCpu snapshot() {
        ThreadCpu s = new ThreadCpu();
        for (long id : THREADS.getAllThreadIds()) {
            long t = THREADS.getThreadCpuTime(id);
            if (t > 0) {
                s.nanos.put(id, t);
            }
        }
        return s;
    }

    /** Milliseconds of CPU spent since this snapshot by threads whose name starts with {@code prefix} ("" for all). */
    public double millisSince(String prefix) {
        long sum = 0;
        for (long id : THREADS.getAllThreadIds()) {
            var info = THREADS.getThreadInfo(id);
            long t = THREADS.getThreadCpuTime(id);
            if (info != null && t > 0 && info.getThreadName().startsWith(prefix)) {
                sum += t - nanos.getOrDefault(id, 0L);
            }
        }
        return sum / 1e6;
    }

    /** CPU milliseconds since this snapshot per thread name (threads of one name summed), busiest first. */
    String byThread() {
        Map<String, Double> by = new HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            var info = THREADS.getThreadInfo(id);
            long t = THREADS.getThreadCpuTime(id);
            if (info != null && t > 0) {
                by.merge(info.getThreadName(), (t - nanos.getOrDefault(id, 0L)) / 1e6, Double::sum);
            }
        }
        StringBuilder sb = new StringBuilder();
        by.entrySet().stream()
                .filter(e -> e.getValue() >= 1)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sb.append(sb.length() == 0 ? "" : ", ")
                        .append(e.getKey())
                        .append(' ')
                        .append(Math.round(e.getValue()))
                        .append(" ms"));
        return sb.toString();
    }
}
