package io.inferdeck.services.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The fleet over a time range, read with {@code query_range} from Prometheus' own storage, so it survives console
 * restarts: one {@link Trend} per chart, one {@link Line} per engine or GPU. Immutable; an engine or GPU without
 * samples in the range has no line (never a line of zeros).
 */
public record FleetHistory(Instant from, Instant to, Duration step, List<Trend> trends) {
    public FleetHistory {
        trends = List.copyOf(trends);
    }

    /** @param unit {@code 1/s}, {@code s}, {@code bytes} or {@code ratio} (base units, as {@code --json} writes them) */
    public record Trend(String id, String title, String unit, List<Line> lines) {
        public Trend {
            lines = List.copyOf(lines);
        }
    }

    /** @param label {@code node instance} for an engine, {@code node gpu N} for a GPU */
    public record Line(String label, List<PromRange.Point> points) {
        public Line {
            points = List.copyOf(points);
        }
    }
}
