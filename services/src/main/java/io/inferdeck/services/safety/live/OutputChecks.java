package io.inferdeck.services.safety.live;

import io.inferdeck.safety.pipeline.FilterPipeline;

/**
 * How a reply's text is judged as it streams: {@code window} (the cheap stages — normalize, blocklist, PII — that
 * must see text before it is released) on the held tail and a little released context, and {@code segment} (the
 * rest of the output stages, the classifier above all: too costly for every delta) on each
 * {@link LookBehindGuard#SEGMENT} released characters. A pipeline with nothing to judge is {@code off}.
 * Immutable; the pipelines are thread-safe.
 */
record OutputChecks(FilterPipeline window, boolean windowOn, FilterPipeline segment, boolean segmentOn, LiveReview review) {
    boolean on() {
        return windowOn || segmentOn;
    }
}
