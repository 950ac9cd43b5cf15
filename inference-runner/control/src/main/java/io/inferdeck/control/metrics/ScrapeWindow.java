package io.inferdeck.control.metrics;

import io.inferdeck.control.metrics.MetricMapping.Counter;
import io.inferdeck.control.metrics.MetricMapping.Latency;
import io.inferdeck.control.metrics.MetricMapping.Level;
import io.inferdeck.control.metrics.MetricMapping.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The scrapes of one engine within a sliding window, each holding what every source (engine, gateway) read
 * from it, and the rates and percentiles they give per source. Counter increases are summed pair by pair (a
 * decrease is a restart: the new value counts as the increase, as PromQL's rate does) over the time between
 * the first and last scrape that carry the counter; percentiles come from histogram bucket deltas, reset the
 * same way. The newest scrape at or before the window's start stays as the baseline, so the window spans at
 * least its length once enough scrapes exist. Not thread-safe: owned by one {@link MetricsNormalizer}.
 */
final class ScrapeWindow {
    /** Hard cap on kept scrapes (a 10 Hz scraper over a 5 min window needs 3000). */
    static final int MAX_POINTS = 4096;

    /** One scrape: when, whose page, and each source's reading of it. */
    record Scrape(Instant at, EngineFlavor flavor, Map<FigureSource, Reading> readings) {
        Reading of(FigureSource source) {
            return readings.getOrDefault(source, Reading.NOTHING);
        }
    }

    private final Duration length;
    private final ArrayDeque<Scrape> points = new ArrayDeque<>();

    ScrapeWindow(Duration length) {
        this.length = length;
    }

    /** Adds a scrape; a different flavor or a clock gone back drops the old ones (they mean nothing now). */
    void add(Scrape scrape) {
        Scrape last = points.peekLast();
        if (last != null && (!last.flavor().equals(scrape.flavor()) || scrape.at().isBefore(last.at()))) {
            points.clear();
        }
        points.addLast(scrape);
        Instant start = scrape.at().minus(length);
        while (points.size() >= 2) {
            Scrape first = points.pollFirst();
            if (points.peekFirst().at().isAfter(start)) {
                points.addFirst(first); // first is the baseline: the newest at or before the start
                break;
            }
        }
        while (points.size() > MAX_POINTS) {
            points.pollFirst();
        }
    }

    void clear() {
        points.clear();
    }

    /** First kept scrape to {@code now}; zero when empty. */
    Duration span(Instant now) {
        return points.isEmpty() ? Duration.ZERO : Duration.between(points.peekFirst().at(), now);
    }

    /** Per second, over the scrapes where {@code source} carries the counter; empty with fewer than two. */
    OptionalDouble rate(FigureSource source, Counter counter) {
        Increase i = increase(source, counter);
        return i.seconds() > 0 ? OptionalDouble.of(i.amount() / i.seconds()) : OptionalDouble.empty();
    }

    /** How much the counter grew over the window; empty with fewer than two scrapes that carry it. */
    OptionalDouble growth(FigureSource source, Counter counter) {
        Increase i = increase(source, counter);
        return i.seconds() > 0 ? OptionalDouble.of(i.amount()) : OptionalDouble.empty();
    }

    /** A counter's increase between the first and last scrape that carry it, and the seconds between them. */
    private record Increase(double amount, double seconds) {
    }

    private Increase increase(FigureSource source, Counter counter) {
        double increase = 0;
        Double previous = null;
        Instant first = null;
        Instant last = null;
        for (Scrape p : points) {
            Double v = p.of(source).counters().get(counter);
            if (v == null) {
                continue;
            }
            if (previous == null) {
                first = p.at();
            } else {
                increase += v >= previous ? v - previous : v;
            }
            previous = v;
            last = p.at();
        }
        return new Increase(increase, first == null ? 0 : Duration.between(first, last).toNanos() / 1e9);
    }

    Percentiles percentiles(FigureSource source, Latency latency) {
        Histogram sum = null;
        Histogram previous = null;
        for (Scrape p : points) {
            Histogram h = p.of(source).histograms().get(latency);
            if (h == null) {
                continue;
            }
            if (previous != null) {
                Histogram delta = h.minus(previous).orElse(h); // reset or new layout: all since restart
                Optional<Histogram> total = sum == null ? Optional.of(delta) : sum.plus(delta);
                sum = total.orElse(delta);
            }
            previous = h;
        }
        return sum == null ? Percentiles.NOT_AVAILABLE : Percentiles.of(sum);
    }

    /** The counter's value in the newest scrape (empty when that scrape does not carry it). */
    OptionalDouble latest(FigureSource source, Counter counter) {
        Double v = points.isEmpty() ? null : points.peekLast().of(source).counters().get(counter);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** The newest scrape's value. */
    OptionalDouble gauge(FigureSource source, Level level) {
        Double v = points.isEmpty() ? null : points.peekLast().of(source).gauges().get(level);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
