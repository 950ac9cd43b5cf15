package io.inferdeck.services.traffic;

import io.inferdeck.control.gateway.RequestRecord;
import java.util.Objects;
import java.util.Optional;

/**
 * One request from a gateway's request log as a client reads it: the gateway's own {@link RequestRecord}, with
 * the prompt and completion text the gateway includes only while prompt capture is on (already PII-masked by
 * the gateway; empty otherwise). Immutable. Two entries are the same request when they are equal: the log has
 * no request id, and a finish time to the microsecond with every other field equal does not recur in practice.
 */
public record TrafficEntry(RequestRecord request) {

    public TrafficEntry {
        Objects.requireNonNull(request, "request");
    }

    public static TrafficEntry of(RequestRecord request) {
        return new TrafficEntry(request);
    }

    public Optional<String> prompt() {
        return request.prompt();
    }

    public Optional<String> completion() {
        return request.completion();
    }

    /** Anything but a normal end: an upstream failure, a refusal by the gateway, a client that left. */
    public boolean failed() {
        return request.outcome() != RequestRecord.Outcome.OK;
    }
}
