package io.inferdeck.control.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inferdeck.control.metrics.Fixtures.ManualClock;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The gateway's response-cache hit rate over the window: hits per lookup from the lookup counter's deltas, with
 * the lookups it rests on; not available (never 0 %) while the cache is off or saw no lookups.
 */
class CacheHitRateTest {
    private final ManualClock clock = new ManualClock();
    private final MetricsNormalizer normalizer = new MetricsNormalizer(clock, Duration.ofSeconds(30));

    private static String page(int hits, int misses) {
        String gateway = GatewayPage.text(10, 0, 0, 100, 100, new int[] {0, 0, 0}, new int[] {0, 0, 0}, 0);
        String family = GatewayMetricNames.CACHE_LOOKUPS + "_total";
        return gateway + "# TYPE " + family + " counter\n"
                + String.format(Locale.ROOT, "%s{result=\"hit\"} %d.0%n%s{result=\"miss\"} %d.0%n", family, hits, family, misses);
    }

    private EngineMetrics twoScrapes(String first, String second) throws Exception {
        normalizer.update(ParsedMetrics.parse(first));
        clock.advance(Duration.ofSeconds(10));
        return normalizer.update(ParsedMetrics.parse(second));
    }

    @Test
    void hitsPerLookupOverTheWindowWithTheirCount() throws Exception {
        EngineMetrics m = twoScrapes(page(2, 8), page(32, 18));   // +30 hits of +40 lookups
        assertThat(m.cacheHitRate()).hasValueSatisfying(r -> {
            assertThat(r.ratio()).isCloseTo(0.75, within(1e-9));
            assertThat(r.lookups()).isEqualTo(40);
        });
        assertThat(m.source(Figure.CACHE_HIT_RATE)).contains(FigureSource.GATEWAY);
        assertThat(EngineMetricsFormat.jsonLine(m)).contains("\"cacheHitRate\":{\"ratio\":0.75,\"lookups\":40}");
    }

    @Test
    void noLookupsInTheWindowIsNotAvailableNotZero() throws Exception {
        EngineMetrics m = twoScrapes(page(5, 5), page(5, 5));
        assertThat(m.cacheHitRate()).isEmpty();
        assertThat(m.source(Figure.CACHE_HIT_RATE)).isEmpty();
    }

    @Test
    void aGatewayWithoutTheCacheHasNoHitRate() throws Exception {
        String plain = GatewayPage.text(10, 0, 0, 100, 100, new int[] {0, 0, 0}, new int[] {0, 0, 0}, 0);
        EngineMetrics m = twoScrapes(plain, plain);
        assertThat(m.cacheHitRate()).isEmpty();
        assertThat(EngineMetricsFormat.jsonLine(m)).contains("\"cacheHitRate\":null");
    }
}
