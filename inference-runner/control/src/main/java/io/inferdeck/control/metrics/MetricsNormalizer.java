package io.inferdeck.control.metrics;

import io.inferdeck.control.driver.EngineDrivers;
import io.inferdeck.control.metrics.MetricMapping.Counter;
import io.inferdeck.control.metrics.MetricMapping.Latency;
import io.inferdeck.control.metrics.MetricMapping.Level;
import io.inferdeck.control.metrics.MetricMapping.ScrapePoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Turns successive scrapes of one engine into {@link EngineMetrics}. Rates and percentiles come
 * from the scrapes within a sliding window: counter increases summed pair by pair (a decrease is
 * an engine restart: the new value counts as the increase, as PromQL's rate does) over the time
 * between the first and last scrape; percentiles from histogram bucket deltas, reset the same way.
 * The window keeps the newest scrape at or before its start as the baseline, so it spans at least
 * {@code window} once enough scrapes exist. Scrape time comes from the injected clock. Which engine
 * wrote a scrape is the first of the given {@link MetricsDialect}s whose prefix appears on it; none
 * means {@link EngineFlavor#UNKNOWN}, every figure not available.
 *
 * <p>Not thread-safe: confine each normalizer to the thread that scrapes its engine and publish
 * the returned immutable snapshots.
 */
public final class MetricsNormalizer {
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(30);
    /** Hard cap on kept scrapes (a 10 Hz scraper over a 5 min window needs 3000). */
    static final int MAX_POINTS = 4096;

    private final Clock clock;
    private final Duration window;
    private final List<MetricsDialect> dialects;
    private final ArrayDeque<ScrapePoint> points = new ArrayDeque<>();

    /**
     * Reads the dialects of the default driver registry and, after them, the InferDeck gateway's (for callers
     * without a composition root: the CLI, tests). An engine's own page wins over the gateway's figures.
     */
    public MetricsNormalizer(Clock clock, Duration window) {
        this(clock, window, withGateway(EngineDrivers.defaults().metricsDialects()));
    }

    /** {@code engines} followed by the gateway's dialect: engine first, the gateway is the fallback source. */
    public static List<MetricsDialect> withGateway(List<MetricsDialect> engines) {
        List<MetricsDialect> all = new java.util.ArrayList<>(engines);
        all.add(GatewayMetricNames.DIALECT);
        return List.copyOf(all);
    }

    /** @param dialects the engines it can read, in detection order (a driver registry's order) */
    public MetricsNormalizer(Clock clock, Duration window, List<MetricsDialect> dialects) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dialects = List.copyOf(dialects);
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
        this.window = window;
    }

    /** Adds one scrape taken now and returns the snapshot it yields. */
    public EngineMetrics update(ParsedMetrics scrape) {
        Instant now = clock.instant();
        Optional<MetricsDialect> dialect = MetricsDialect.detect(dialects, scrape);
        EngineFlavor flavor = dialect.map(MetricsDialect::flavor).orElse(EngineFlavor.UNKNOWN);
        ScrapePoint last = points.peekLast();
        if (last != null && (!last.flavor().equals(flavor) || now.isBefore(last.at()))) {
            points.clear(); // another engine answered, or the clock went back: old points mean nothing
        }
        points.addLast(dialect.map(MetricsDialect::mapping).orElse(MetricMapping.NOTHING).extract(scrape, now, flavor));
        evict(now);
        return snapshot(now, flavor);
    }

    /** Forgets every scrape, e.g. after the engine was reconfigured. */
    public void reset() {
        points.clear();
    }

    private void evict(Instant now) {
        Instant start = now.minus(window);
        while (points.size() >= 2) {
            ScrapePoint first = points.pollFirst();
            if (points.peekFirst().at().isAfter(start)) {
                points.addFirst(first); // first is the baseline: the newest at or before the start
                break;
            }
        }
        while (points.size() > MAX_POINTS) {
            points.pollFirst();
        }
    }

    private EngineMetrics snapshot(Instant now, EngineFlavor flavor) {
        ScrapePoint latest = points.peekLast();
        return EngineMetrics.builder(now, flavor)
                .window(Duration.between(points.peekFirst().at(), now))
                .qps(rate(Counter.COMPLETED)).errorsPerSec(rate(Counter.ERRORS))
                .tokensInPerSec(rate(Counter.PROMPT_TOKENS)).tokensOutPerSec(rate(Counter.GENERATED_TOKENS))
                .e2e(percentiles(Latency.E2E)).ttft(percentiles(Latency.TTFT)).itl(percentiles(Latency.ITL))
                .running(gauge(latest, Level.RUNNING)).waiting(gauge(latest, Level.WAITING))
                .kvCacheUsage(gauge(latest, Level.KV_CACHE_USAGE))
                .build();
    }

    /** Per second, over the scrapes that carry the counter; empty with fewer than two of them. */
    private OptionalDouble rate(Counter counter) {
        double increase = 0;
        Double previous = null;
        Instant first = null;
        Instant last = null;
        for (ScrapePoint p : points) {
            Double v = p.counters().get(counter);
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
        double seconds = first == null ? 0 : Duration.between(first, last).toNanos() / 1e9;
        return seconds > 0 ? OptionalDouble.of(increase / seconds) : OptionalDouble.empty();
    }

    private Percentiles percentiles(Latency latency) {
        Histogram sum = null;
        Histogram previous = null;
        for (ScrapePoint p : points) {
            Histogram h = p.histograms().get(latency);
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

    private static OptionalDouble gauge(ScrapePoint p, Level level) {
        Double v = p.gauges().get(level);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
