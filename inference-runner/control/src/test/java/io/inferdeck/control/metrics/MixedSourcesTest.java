package io.inferdeck.control.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inferdeck.control.metrics.Fixtures.ManualClock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A gateway page carries its own families followed by one replica's page: each figure is the engine's when
 * the engine exports it, else the gateway's. Gateway figures (worked by hand from {@link GatewayPage}'s
 * deltas over 10 s): qps 30/10 = 3.0; errors (error +1, rejected +1) 0.2; tokens in 600/10 = 60, out 90;
 * e2e delta <=0.5:10 <=1:30 -> p50 0.625, p95 0.9625, p99 0.9925; ttft delta <=0.1:20 <=0.5:30 -> p50 0.075,
 * p95 0.44, p99 0.488; in flight 5.
 */
class MixedSourcesTest {
    private static final String GATEWAY_1 = GatewayPage.text(10, 1, 0, 400, 800, new int[] {0, 0, 0},
            new int[] {0, 0, 0}, 2);
    private static final String GATEWAY_2 = GatewayPage.text(40, 2, 1, 1000, 1700, new int[] {0, 10, 30},
            new int[] {20, 30, 30}, 5);

    private final ManualClock clock = new ManualClock();
    private final MetricsNormalizer normalizer = new MetricsNormalizer(clock, Duration.ofSeconds(30));

    private EngineMetrics twoScrapes(String first, String second) throws Exception {
        normalizer.update(ParsedMetrics.parse(first));
        clock.advance(Duration.ofSeconds(10));
        return normalizer.update(ParsedMetrics.parse(second));
    }

    private static void near(OptionalDouble actual, double expected) {
        assertThat(actual).isPresent();
        assertThat(actual.getAsDouble()).isCloseTo(expected, within(1e-9));
    }

    private static void sources(EngineMetrics m, FigureSource source, Set<Figure> figures) {
        for (Figure f : figures) {
            assertThat(m.source(f)).as(f.name()).contains(source);
        }
    }

    @Test
    void builtinRunnerBehindTheGatewayGivesEveryFigureItself() throws Exception {
        EngineMetrics m = twoScrapes(GATEWAY_1 + Fixtures.text("builtin-1.txt"), GATEWAY_2 + Fixtures.text("builtin-2.txt"));
        assertThat(m.flavor()).isEqualTo(new EngineFlavor("builtin"));
        // every figure an engine can export (the response cache's hit rate is only ever the gateway's)
        sources(m, FigureSource.ENGINE, EnumSet.complementOf(EnumSet.of(Figure.CACHE_HIT_RATE)));
        near(m.qps(), 2.0);                 // the runner's figures (MetricsNormalizerTest.builtinRunner), not 3.0
        near(m.errorsPerSec(), 0.2);
        near(m.tokensInPerSec(), 200);
        near(m.e2e().p95(), 3.75);
        near(m.ttft().p50(), 0.0375);
        near(m.running(), 3);
        assertThat(EngineMetricsFormat.sourcesText(m)).isEqualTo("builtin");
    }

    @Test
    void llamaServerBehindTheGatewayGetsItsMissingFiguresFromTheGateway() throws Exception {
        EngineMetrics m = twoScrapes(GATEWAY_1 + Fixtures.text("llamacpp-1.txt"),
                GATEWAY_2 + Fixtures.text("llamacpp-2.txt"));
        assertThat(m.flavor()).isEqualTo(new EngineFlavor("llama.cpp"));
        sources(m, FigureSource.ENGINE, EnumSet.of(Figure.TOKENS_IN_PER_SEC, Figure.TOKENS_OUT_PER_SEC,
                Figure.RUNNING, Figure.WAITING, Figure.KV_CACHE_USAGE));
        near(m.tokensInPerSec(), 50);       // llama.cpp's own: +500 over 10 s, not the gateway's 60
        near(m.running(), 2);               // llama.cpp's slots, not the gateway's 5 in flight
        near(m.kvCacheUsage(), 0.0625);
        sources(m, FigureSource.GATEWAY, EnumSet.of(Figure.QPS, Figure.ERRORS_PER_SEC, Figure.E2E, Figure.TTFT));
        near(m.qps(), 3.0);
        near(m.errorsPerSec(), 0.2);
        near(m.e2e().p50(), 0.625);
        near(m.ttft().p95(), 0.44);
        assertThat(m.itl()).isEqualTo(Percentiles.NOT_AVAILABLE); // neither measured one here
        assertThat(m.source(Figure.ITL)).isEmpty();
        assertThat(EngineMetricsFormat.sourcesText(m)).isEqualTo("llama.cpp + gateway (qps, errors/s, e2e, ttft via gateway)");
    }

    @Test
    void remoteEngineWithoutMetricsShowsTheGatewaysFigures() throws Exception {
        EngineMetrics m = twoScrapes(GATEWAY_1, GATEWAY_2);
        assertThat(m.flavor()).isEqualTo(GatewayMetricNames.FLAVOR);
        sources(m, FigureSource.GATEWAY, EnumSet.of(Figure.QPS, Figure.ERRORS_PER_SEC, Figure.TOKENS_IN_PER_SEC,
                Figure.TOKENS_OUT_PER_SEC, Figure.E2E, Figure.TTFT, Figure.RUNNING));
        near(m.qps(), 3.0);
        near(m.tokensInPerSec(), 60);
        near(m.tokensOutPerSec(), 90);
        near(m.e2e().p50(), 0.625);
        near(m.e2e().p95(), 0.9625);
        near(m.e2e().p99(), 0.9925);
        near(m.ttft().p50(), 0.075);
        near(m.ttft().p95(), 0.44);
        near(m.ttft().p99(), 0.488);
        near(m.running(), 5);
        assertThat(m.kvCacheUsage()).isEmpty();   // not available stays empty, never 0
        assertThat(m.source(Figure.KV_CACHE_USAGE)).isEmpty();
        assertThat(EngineMetricsFormat.sourcesText(m)).startsWith("gateway only");
    }

    @Test
    void jsonLineNamesTheSourceOfEachFigureAndNullWhenNotAvailable() throws Exception {
        String json = EngineMetricsFormat.jsonLine(twoScrapes(GATEWAY_1 + Fixtures.text("llamacpp-1.txt"),
                GATEWAY_2 + Fixtures.text("llamacpp-2.txt")));
        assertThat(json).contains("\"engine\":\"llama.cpp\"", "\"qps\":3.0",
                "\"sources\":{\"qps\":\"gateway\",\"errorsPerSec\":\"gateway\",\"tokensInPerSec\":\"engine\","
                        + "\"tokensOutPerSec\":\"engine\",\"e2eSeconds\":\"gateway\",\"ttftSeconds\":\"gateway\","
                        + "\"itlSeconds\":null,\"running\":\"engine\",\"waiting\":\"engine\",\"kvCacheUsage\":\"engine\","
                        + "\"cacheHitRate\":null}");
    }
}
