package io.inferdeck.services.metrics;

import io.inferdeck.control.metrics.EngineMetrics;
import java.util.Objects;

/** What one scrape of the current engine produced: its normalized metrics, or why there are none. */
public sealed interface MetricsUpdate {

    /** A normalized scrape. */
    record Scraped(EngineMetrics metrics) implements MetricsUpdate {
        public Scraped {
            Objects.requireNonNull(metrics, "metrics");
        }
    }

    /** No engine to scrape, or the scrape failed; {@code reason} is written for the operator. */
    record Unavailable(String reason) implements MetricsUpdate {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
