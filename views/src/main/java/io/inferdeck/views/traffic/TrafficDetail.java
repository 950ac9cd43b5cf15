package io.inferdeck.views.traffic;

import io.inferdeck.control.gateway.RequestRecord;
import io.inferdeck.services.traffic.TrafficEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * The drill-down of one request: its time split into consecutive segments and the facts beside it. The gateway
 * measures queue, TTFT and e2e from the same instant (the request's arrival), so the segments are queued
 * (0 → queue), waiting for the first token (queue → TTFT) and streaming (TTFT → e2e); without a streamed token
 * the part after the queue is one "upstream" segment, or "gateway" when the gateway answered itself. Immutable.
 */
record TrafficDetail(TrafficEntry entry, List<Segment> segments) {

    /** One stretch of the request's life, in ms since it arrived; {@code kind} names its style. */
    record Segment(String kind, String label, double fromMs, double toMs) {
        double durationMs() {
            return toMs - fromMs;
        }
    }

    TrafficDetail {
        segments = List.copyOf(segments);
    }

    static TrafficDetail of(TrafficEntry entry) {
        RequestRecord r = entry.request();
        double e2e = Math.max(0, r.e2eMs());
        double queue = Math.min(Math.max(0, r.queueMs()), e2e);
        List<Segment> segments = new ArrayList<>();
        if (queue > 0) {
            segments.add(new Segment("queue", "queued", 0, queue));
        }
        if (r.ttftMs().isPresent()) {
            double ttft = Math.min(Math.max(queue, r.ttftMs().getAsDouble()), e2e);
            segments.add(new Segment("first-token", "to first token", queue, ttft));
            segments.add(new Segment("stream", "streaming", ttft, e2e));
        } else if (r.upstream().equals(RequestRecord.NONE)) {
            segments.add(new Segment("gateway", "answered by the gateway", queue, e2e));
        } else {
            segments.add(new Segment("upstream", r.cacheHit() ? "from the cache" : "upstream", queue, e2e));
        }
        return new TrafficDetail(entry, segments);
    }

    /** "queue 1.5 ms → TTFT 40.3 ms → e2e 310 ms": the three marks as measured (TTFT "—" when none). */
    String timeline() {
        RequestRecord r = entry.request();
        return "queue " + TrafficText.ms(r.queueMs()) + " ms → TTFT " + TrafficText.ms(r.ttftMs())
                + (r.ttftMs().isPresent() ? " ms" : "") + " → e2e " + TrafficText.ms(r.e2eMs()) + " ms";
    }
}
