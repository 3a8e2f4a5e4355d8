package io.motam.gateway.link;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Link traffic counters for the link to call per frame: {@code motam_link_messages_total} and
 * {@code motam_link_bytes_total}, tagged by direction ({@code in}/{@code out}) and message type.
 */
@ApplicationScoped
public class LinkMetrics {
    @Inject
    MeterRegistry registry;

    public void received(String type, int bytes) {
        count("in", type, bytes);
    }

    public void sent(String type, int bytes) {
        count("out", type, bytes);
    }

    private void count(String direction, String type, int bytes) {
        registry.counter("motam.link.messages", "direction", direction, "type", type)
                .increment();
        registry.counter("motam.link.bytes", "direction", direction, "type", type)
                .increment(bytes);
    }
}
