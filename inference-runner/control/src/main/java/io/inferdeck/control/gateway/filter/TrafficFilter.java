package io.inferdeck.control.gateway.filter;

import java.util.List;
import java.util.Map;

/**
 * Live safety filtering of a gateway's traffic, supplied from outside this module (the {@code safety} module's
 * filter stages, adapted in {@code services}). Input side: {@link #inspect} the prompt texts of a request before
 * it is forwarded. Output side: one {@link #guard()} per reply text, fed the deltas as they stream. Every
 * decision is the implementation's to queue for review; the gateway counts, logs and acts on it.
 *
 * <p>Thread-safe: called concurrently from every request's thread. Blocking is allowed (it runs on the request's
 * virtual thread) but every call adds to the request's latency. The gateway that receives it owns it and closes
 * it when it closes.
 */
public interface TrafficFilter extends AutoCloseable {
    /**
     * Judges the prompt texts of one request (in request order: {@code messages[].content} parts, {@code prompt},
     * {@code input}).
     */
    InputVerdict inspect(List<String> texts);

    /** False when replies pass unfiltered ({@link #guard()} is then never called). */
    boolean filtersOutput();

    /** A guard for one reply text. */
    StreamGuard guard();

    /**
     * Look-ups of the filter's verdict cache so far, by result: {@code hit} (a costly stage's verdict was reused)
     * and {@code miss}; empty when the filter keeps no such cache. Read at every scrape: cheap and thread-safe.
     */
    default Map<String, Long> verdictCacheLookups() {
        return Map.of();
    }

    /** Releases what the filter holds (a model, say); no call follows. */
    @Override
    default void close() {
    }
}
