package io.inferdeck.services.fleet;

import java.util.Map;
import java.util.Optional;

/**
 * One active scrape target as Prometheus reports it ({@code /api/v1/targets}).
 *
 * @param health {@code up}, {@code down} or {@code unknown}
 */
public record PromTarget(Map<String, String> labels, String scrapeUrl, String health, Optional<String> lastError) {
    public PromTarget {
        labels = Map.copyOf(labels);
    }
}
