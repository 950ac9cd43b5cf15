package io.inferdeck.control.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One normalized snapshot of an engine, the same shape whatever the engine. Immutable; safe to
 * publish across threads. Empty optionals mean "not available" (never 0).
 *
 * @param at            when the scrape behind it was taken (normalizer's clock)
 * @param window        time the rates and percentiles span (first to last scrape kept); zero
 *                      after the first scrape, when no rate exists yet
 * @param qps           completed requests per second
 * @param errorsPerSec  failed requests per second (see MetricMapping for what counts per engine)
 * @param tokensInPerSec  prompt tokens processed per second
 * @param tokensOutPerSec generated tokens per second
 * @param e2e           end-to-end request latency percentiles (seconds)
 * @param ttft          time to first token percentiles (seconds)
 * @param itl           inter-token latency percentiles (seconds)
 * @param running       requests being processed now
 * @param waiting       requests queued now
 * @param kvCacheUsage  KV cache in use, fraction 0..1
 * @param cacheHitRate  the gateway's response cache: hits per lookup over the window; empty when the cache is
 *                      off or had no lookups
 * @param sources       who measured each available figure (engine or gateway); a figure that is not
 *                      available has no entry, and neither has one whose source nobody recorded
 * @param generatedTokens the generated-token counter itself as of this scrape (the engine's, else the gateway's):
 *                      cumulative since that process started, so only differences mean anything and a drop is a
 *                      restart; what energy per token divides by (a rate averaged over the window would lag)
 */
public record EngineMetrics(Instant at, EngineFlavor flavor, Duration window, OptionalDouble qps,
                            OptionalDouble errorsPerSec, OptionalDouble tokensInPerSec, OptionalDouble tokensOutPerSec,
                            Percentiles e2e, Percentiles ttft, Percentiles itl, OptionalDouble running,
                            OptionalDouble waiting, OptionalDouble kvCacheUsage, Optional<CacheHitRate> cacheHitRate,
                            Map<Figure, FigureSource> sources, OptionalDouble generatedTokens) {

    public EngineMetrics {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(flavor, "flavor");
        Objects.requireNonNull(window, "window");
        for (Object o : new Object[] {qps, errorsPerSec, tokensInPerSec, tokensOutPerSec, e2e, ttft, itl,
                running, waiting, kvCacheUsage, cacheHitRate, generatedTokens}) {
            Objects.requireNonNull(o, "use empty optionals / Percentiles.NOT_AVAILABLE, not null");
        }
        sources = sources.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(sources));
    }

    /** Without a cache hit rate or recorded sources (snapshots not built by the normalizer). */
    public EngineMetrics(Instant at, EngineFlavor flavor, Duration window, OptionalDouble qps,
                         OptionalDouble errorsPerSec, OptionalDouble tokensInPerSec, OptionalDouble tokensOutPerSec,
                         Percentiles e2e, Percentiles ttft, Percentiles itl, OptionalDouble running,
                         OptionalDouble waiting, OptionalDouble kvCacheUsage) {
        this(at, flavor, window, qps, errorsPerSec, tokensInPerSec, tokensOutPerSec, e2e, ttft, itl, running, waiting,
                kvCacheUsage, Optional.empty(), Map.of(), OptionalDouble.empty());
    }

    /** Who measured {@code figure}; empty when it is not available or its source is unknown. */
    public Optional<FigureSource> source(Figure figure) {
        return Optional.ofNullable(sources.get(figure));
    }

    public static Builder builder(Instant at, EngineFlavor flavor) {
        return new Builder(at, flavor);
    }

    /** Starts with everything "not available". */
    public static final class Builder {
        private final Instant at;
        private final EngineFlavor flavor;
        private Duration window = Duration.ZERO;
        private OptionalDouble qps = OptionalDouble.empty();
        private OptionalDouble errorsPerSec = OptionalDouble.empty();
        private OptionalDouble tokensInPerSec = OptionalDouble.empty();
        private OptionalDouble tokensOutPerSec = OptionalDouble.empty();
        private Percentiles e2e = Percentiles.NOT_AVAILABLE;
        private Percentiles ttft = Percentiles.NOT_AVAILABLE;
        private Percentiles itl = Percentiles.NOT_AVAILABLE;
        private OptionalDouble running = OptionalDouble.empty();
        private OptionalDouble waiting = OptionalDouble.empty();
        private OptionalDouble kvCacheUsage = OptionalDouble.empty();
        private Optional<CacheHitRate> cacheHitRate = Optional.empty();
        private final Map<Figure, FigureSource> sources = new EnumMap<>(Figure.class);
        private OptionalDouble generatedTokens = OptionalDouble.empty();

        private Builder(Instant at, EngineFlavor flavor) {
            this.at = at;
            this.flavor = flavor;
        }

        public Builder window(Duration v) { window = v; return this; }
        public Builder qps(OptionalDouble v) { qps = v; return this; }
        public Builder errorsPerSec(OptionalDouble v) { errorsPerSec = v; return this; }
        public Builder tokensInPerSec(OptionalDouble v) { tokensInPerSec = v; return this; }
        public Builder tokensOutPerSec(OptionalDouble v) { tokensOutPerSec = v; return this; }
        public Builder e2e(Percentiles v) { e2e = v; return this; }
        public Builder ttft(Percentiles v) { ttft = v; return this; }
        public Builder itl(Percentiles v) { itl = v; return this; }
        public Builder running(OptionalDouble v) { running = v; return this; }
        public Builder waiting(OptionalDouble v) { waiting = v; return this; }
        public Builder kvCacheUsage(OptionalDouble v) { kvCacheUsage = v; return this; }
        public Builder cacheHitRate(Optional<CacheHitRate> v) { cacheHitRate = v; return this; }
        public Builder source(Figure f, FigureSource s) { sources.put(f, s); return this; }
        public Builder generatedTokens(OptionalDouble v) { generatedTokens = v; return this; }

        public EngineMetrics build() {
            return new EngineMetrics(at, flavor, window, qps, errorsPerSec, tokensInPerSec, tokensOutPerSec,
                    e2e, ttft, itl, running, waiting, kvCacheUsage, cacheHitRate, sources, generatedTokens);
        }
    }
}
