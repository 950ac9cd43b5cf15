package io.inferdeck.tuning.load.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.tuning.load.BenchPlan;
import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.tuning.load.BookkeepingProbe;
import io.inferdeck.tuning.load.LoadGenerator;
import io.inferdeck.tuning.load.LoadShape;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The self-benchmark's parts, checked quickly; the benchmark itself is run by {@code bench --self-test}. */
class SelfTestPartsTest {

    @Test
    void trivialEndpointServesACompleteStream() throws Exception {
        try (TrivialEndpoint ep = new TrivialEndpoint(); LoadGenerator gen = new LoadGenerator(Clock.systemUTC())) {
            BenchResult r = gen.run(BenchPlan.builder(ep.url(), new LoadShape.ClosedLoop(2)).model("m")
                    .duration(Duration.ZERO).maxRequests(50).build(), p -> { });
            assertThat(r.ok()).isEqualTo(50);
            assertThat(r.outputTokens()).isEqualTo(50);
        }
    }

    @Test
    void wrkOutputIsParsed() throws Exception {
        String out = """
                Running 5s test @ http://127.0.0.1:1/v1/chat/completions
                  2 threads and 16 connections
                  Latency Distribution
                     50%  350.00us
                     75%  500.00us
                  200000 requests in 5.00s, 30.00MB read
                  Non-2xx or 3xx responses: 3
                Requests/sec:  39999.50
                Transfer/sec:      6.00MB
                """;
        WrkRunner.WrkResult r = WrkRunner.parse(out);
        assertThat(r.requestsPerSecond()).isEqualTo(39999.5);
        assertThat(r.p50Ms()).hasValue(0.35);
        assertThat(r.non2xx()).isEqualTo(3);
    }

    @Test
    void gatewayOverheadMeasuresBothSidesThroughARealGatewayWithoutFailures() throws Exception {
        var health = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "test-health"));
        try {
            GatewayOverhead.Report r = GatewayOverhead.run(new GatewayOverhead.Options(Duration.ofMillis(600),
                    Duration.ofMillis(300), 2, Duration.ofMillis(600)), health, java.util.List.of(), m -> { });
            for (GatewayOverhead.Side s : java.util.List.of(r.direct(), r.gateway())) {
                assertThat(s.failed()).isZero();
                assertThat(s.requestsPerSecond()).isPositive();
                assertThat(s.e2eMs()).isNotEmpty().isSorted();
                assertThat(s.percentileMs(0.5)).isBetween(s.e2eMs()[0], s.e2eMs()[s.e2eMs().length - 1]);
            }
            assertThat(r.safety()).isEmpty();   // no safety parts given: no third pass
            assertThat(r.lines()).anySatisfy(l -> assertThat(l).contains("ratio"))
                    .anySatisfy(l -> assertThat(l).contains("added by the gateway"));
        } finally {
            health.shutdownNow();
        }
    }

    @Test
    void aSafetyPassSendsEachRunItsOwnPromptsAndCountsTheFiltersCacheLookupsOfTheMeasuredRunsOnly() throws Exception {
        RecordingFilter filter = new RecordingFilter();
        var health = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "test-health"));
        try {
            GatewayOverhead.SafetyPass pass = new GatewayOverhead.SafetyPass("distinct ranges",
                    run -> io.inferdeck.tuning.load.ZipfPrompts.distinct(1 + run * 100_000L, 100_000),
                    () -> io.inferdeck.control.gateway.GatewayExtensions.safety(java.util.Optional.of(filter), java.util.Optional.empty()));
            GatewayOverhead.Report r = GatewayOverhead.run(new GatewayOverhead.Options(Duration.ofMillis(400),
                    Duration.ofMillis(200), 2, Duration.ofMillis(400)), health, java.util.List.of(pass), m -> { });
            assertThat(r.safety()).hasSize(1);
            GatewayOverhead.SafetySide s = r.safety().getFirst();
            assertThat(s.side().failed()).isZero();
            assertThat(s.direct().failed()).isZero();
            assertThat(s.throughputRatio()).isPositive();
            assertThat(s.promptSets()).containsExactly("distinct:200001..300000", "distinct:300001..400000",
                    "distinct:600001..700000", "distinct:700001..800000");
            // no text reached the filter twice, and the warm-up's look-ups are not counted
            assertThat(filter.repeats.get()).isZero();
            assertThat(s.cacheLookups().get("miss")).isPositive().isLessThan(filter.seen.size());
            assertThat(s.cacheLookups().get("hit")).isZero();
            assertThat(r.lines()).anySatisfy(l -> assertThat(l).contains("prompts distinct ranges"))
                    .anySatisfy(l -> assertThat(l).contains("0 hits of"));
        } finally {
            health.shutdownNow();
        }
    }

    /** A stand-in live filter: passes everything and counts each text it has seen before as a cache hit. */
    static final class RecordingFilter implements io.inferdeck.control.gateway.filter.TrafficFilter {
        final java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final java.util.concurrent.atomic.AtomicLong repeats = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public io.inferdeck.control.gateway.filter.InputVerdict inspect(java.util.List<String> texts) {
            texts.forEach(t -> repeats.addAndGet(seen.add(t) ? 0 : 1));
            return new io.inferdeck.control.gateway.filter.InputVerdict(io.inferdeck.control.gateway.filter.FilterOutcome.PASS, texts);
        }

        @Override
        public boolean filtersOutput() {
            return false;
        }

        @Override
        public io.inferdeck.control.gateway.filter.StreamGuard guard() {
            return io.inferdeck.control.gateway.filter.StreamGuard.PASS_THROUGH;
        }

        @Override
        public java.util.Map<String, Long> verdictCacheLookups() {
            return java.util.Map.of("hit", repeats.get(), "miss", (long) seen.size());
        }
    }

    @Test
    void bookkeepingProbeParsesTheTrivialBody() {
        assertThat(BookkeepingProbe.nanosPerRequest(TrivialEndpoint.BODY, 1000)).isPositive();
    }
}
