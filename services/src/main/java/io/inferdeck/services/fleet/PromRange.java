package io.inferdeck.services.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One series of a range query: its labels and its points in time order (NaN/±Inf points left out). */
public record PromRange(Map<String, String> labels, List<Point> points) {
    public PromRange {
        labels = Map.copyOf(labels);
        points = List.copyOf(points);
    }

    public record Point(Instant at, double value) {
    }
}
