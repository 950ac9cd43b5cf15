package io.inferdeck.control.metrics;

import io.inferdeck.control.driver.EngineDrivers;
import io.inferdeck.control.metrics.MetricMapping.Counter;
import io.inferdeck.control.metrics.MetricMapping.Latency;
import io.inferdeck.control.metrics.MetricMapping.Level;
import io.inferdeck.control.metrics.MetricMapping.Reading;
import io.inferdeck.control.metrics.ScrapeWindow.Scrape;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Turns successive scrapes of one engine into {@link EngineMetrics}, over a {@link ScrapeWindow} (rates and
 * percentiles from the scrapes within it; scrape time from the injected clock). A page may carry two
 * vocabularies: the InferDeck gateway's own families followed by the engine's page behind it. Each is read
 * through its {@link MetricsDialect}, and every figure is the engine's when the engine exports it, else the
 * gateway's, with its {@link FigureSource} recorded. The engine is the first non-gateway dialect (in the
 * given order) that wrote the page; the snapshot's flavor is the engine's, the gateway's when only the
 * gateway wrote, {@link EngineFlavor#UNKNOWN} when nothing known did (every figure not available).
 *
 * <p>Not thread-safe: confine each normalizer to the thread that scrapes its engine and publish
 * the returned immutable snapshots.
 */
public final class MetricsNormalizer {
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(30);
    /** The engine's figures first: the gateway only fills in what the engine lacks. */
    private static final List<FigureSource> PREFERENCE = List.of(FigureSource.ENGINE, FigureSource.GATEWAY);

    private final Clock clock;
    private final List<MetricsDialect> dialects;
    private final ScrapeWindow points;

    /**
     * Reads the dialects of the default driver registry and, after them, the InferDeck gateway's (for callers
     * without a composition root: the CLI, tests).
     */
    public MetricsNormalizer(Clock clock, Duration window) {
        this(clock, window, withGateway(EngineDrivers.defaults().metricsDialects()));
    }

    /** {@code engines} followed by the gateway's dialect. */
    public static List<MetricsDialect> withGateway(List<MetricsDialect> engines) {
        List<MetricsDialect> all = new ArrayList<>(engines);
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
        this.points = new ScrapeWindow(window);
    }

    /** Adds one scrape taken now and returns the snapshot it yields. */
    public EngineMetrics update(ParsedMetrics scrape) {
        Instant now = clock.instant();
        Map<FigureSource, MetricsDialect> writers = new EnumMap<>(FigureSource.class);
        for (MetricsDialect d : MetricsDialect.writers(dialects, scrape)) {
            writers.putIfAbsent(d.source(), d);
        }
        EngineFlavor flavor = PREFERENCE.stream().map(writers::get).filter(Objects::nonNull).findFirst()
                .map(MetricsDialect::flavor).orElse(EngineFlavor.UNKNOWN);
        Map<FigureSource, Reading> readings = new EnumMap<>(FigureSource.class);
        writers.forEach((source, d) -> readings.put(source, d.mapping().extract(scrape)));
        points.add(new Scrape(now, flavor, readings));
        return snapshot(now, flavor);
    }

    /** Forgets every scrape, e.g. after the engine was reconfigured. */
    public void reset() {
        points.clear();
    }

    private EngineMetrics snapshot(Instant now, EngineFlavor flavor) {
        EngineMetrics.Builder b = EngineMetrics.builder(now, flavor).window(points.span(now));
        return b.qps(rate(b, Figure.QPS, Counter.COMPLETED))
                .errorsPerSec(rate(b, Figure.ERRORS_PER_SEC, Counter.ERRORS))
                .tokensInPerSec(rate(b, Figure.TOKENS_IN_PER_SEC, Counter.PROMPT_TOKENS))
                .tokensOutPerSec(rate(b, Figure.TOKENS_OUT_PER_SEC, Counter.GENERATED_TOKENS))
                .e2e(percentiles(b, Figure.E2E, Latency.E2E))
                .ttft(percentiles(b, Figure.TTFT, Latency.TTFT))
                .itl(percentiles(b, Figure.ITL, Latency.ITL))
                .running(gauge(b, Figure.RUNNING, Level.RUNNING))
                .waiting(gauge(b, Figure.WAITING, Level.WAITING))
                .kvCacheUsage(gauge(b, Figure.KV_CACHE_USAGE, Level.KV_CACHE_USAGE))
                .cacheHitRate(pick(b, Figure.CACHE_HIT_RATE, this::hitRate, Optional::isPresent, Optional.empty()))
                .generatedTokens(PREFERENCE.stream().map(s -> points.latest(s, Counter.GENERATED_TOKENS))
                        .filter(OptionalDouble::isPresent).findFirst().orElse(OptionalDouble.empty()))
                .build();
    }

    /** Hits per lookup over the window; empty without lookups in it (a quiet cache has no hit rate, not 0 %). */
    private Optional<CacheHitRate> hitRate(FigureSource source) {
        OptionalDouble lookups = points.growth(source, Counter.CACHE_LOOKUPS);
        OptionalDouble hits = points.growth(source, Counter.CACHE_HITS);
        if (lookups.isEmpty() || hits.isEmpty() || lookups.getAsDouble() < 1) {
            return Optional.empty();
        }
        double ratio = Math.min(1, hits.getAsDouble() / lookups.getAsDouble());
        return Optional.of(new CacheHitRate(ratio, Math.round(lookups.getAsDouble())));
    }

    private OptionalDouble rate(EngineMetrics.Builder b, Figure f, Counter c) {
        return pick(b, f, s -> points.rate(s, c), OptionalDouble::isPresent, OptionalDouble.empty());
    }

    private Percentiles percentiles(EngineMetrics.Builder b, Figure f, Latency l) {
        return pick(b, f, s -> points.percentiles(s, l), p -> !p.equals(Percentiles.NOT_AVAILABLE),
                Percentiles.NOT_AVAILABLE);
    }

    private OptionalDouble gauge(EngineMetrics.Builder b, Figure f, Level l) {
        return pick(b, f, s -> points.gauge(s, l), OptionalDouble::isPresent, OptionalDouble.empty());
    }

    /** The first source (engine, then gateway) whose figure is available, recorded in {@code b}; else {@code none}. */
    private static <T> T pick(EngineMetrics.Builder b, Figure figure, Function<FigureSource, T> read,
                              Predicate<T> available, T none) {
        for (FigureSource source : PREFERENCE) {
            T value = read.apply(source);
            if (available.test(value)) {
                b.source(figure, source);
                return value;
            }
        }
        return none;
    }
}
