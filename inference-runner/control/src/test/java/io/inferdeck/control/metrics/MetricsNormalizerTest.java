package io.inferdeck.control.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inferdeck.control.metrics.Fixtures.ManualClock;
import java.time.Duration;
import java.util.OptionalDouble;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Expected figures are worked by hand from the fixtures' bucket deltas (see each comment);
 * the fixtures carry the engines' real names, labels and bucket layouts.
 */
class MetricsNormalizerTest {
    private static final Offset<Double> EPS = within(1e-9);

    private final ManualClock clock = new ManualClock();
    private final MetricsNormalizer normalizer = new MetricsNormalizer(clock, Duration.ofSeconds(30));

    private EngineMetrics feed(String fixture) {
        return normalizer.update(Fixtures.parsed(fixture));
    }

    private EngineMetrics feedAfter(Duration d, String fixture) {
        clock.advance(d);
        return feed(fixture);
    }

    private static void near(OptionalDouble actual, double expected) {
        assertThat(actual).isPresent();
        assertThat(actual.getAsDouble()).isCloseTo(expected, EPS);
    }

    private static void percentiles(Percentiles p, double p50, double p95, double p99, double n) {
        near(p.p50(), p50);
        near(p.p95(), p95);
        near(p.p99(), p99);
        near(p.observations(), n);
    }

    @Test
    void builtinRunner() {
        EngineMetrics first = feed("builtin-1.txt");
        assertThat(first.flavor()).isEqualTo(new EngineFlavor("builtin"));
        assertThat(first.window()).isZero();
        assertThat(first.qps()).isEmpty(); // one scrape has no rate
        assertThat(first.e2e()).isEqualTo(Percentiles.NOT_AVAILABLE);
        near(first.running(), 1);
        near(first.kvCacheUsage(), 0.125);

        EngineMetrics m = feedAfter(Duration.ofSeconds(10), "builtin-2.txt");
        assertThat(m.window()).isEqualTo(Duration.ofSeconds(10));
        near(m.qps(), 2.0);              // outcome=ok 10 -> 30
        near(m.errorsPerSec(), 0.2);     // error +1, rejected +1; cancelled is neither
        near(m.tokensInPerSec(), 200);   // 1000 -> 3000
        near(m.tokensOutPerSec(), 400);  // 5000 -> 9000
        percentiles(m.e2e(), 1.0, 3.75, 4.75, 20);     // delta: <=0.5:4 <=1:10 <=2.5:18 <=5:20
        percentiles(m.ttft(), 0.0375, 0.09, 0.098, 20); // delta: <=.025:5 <=.05:15 <=.1:20
        percentiles(m.itl(), 0.005, 0.0095, 0.0099, 100); // delta: <=.005:50 <=.01:100
        near(m.running(), 3);
        near(m.waiting(), 1);
        near(m.kvCacheUsage(), 0.42);
    }

    @Test
    void vllmSumsDataParallelEngines() {
        feed("vllm-1.txt");
        EngineMetrics m = feedAfter(Duration.ofSeconds(5), "vllm-2.txt");
        assertThat(m.flavor()).isEqualTo(new EngineFlavor("vllm"));
        near(m.qps(), 4.0);            // request_success_total (stop+length+abort) 46 -> 66
        near(m.errorsPerSec(), 0.2);   // http 5xx 2 -> 3
        near(m.tokensInPerSec(), 2000);
        near(m.tokensOutPerSec(), 1000);
        percentiles(m.ttft(), 0.045, 0.08, 0.096, 20); // delta: <=.04:8 <=.06:16 <=.08:19 <=.1:20
        percentiles(m.e2e(), 1.25, 2.5, 9.0, 20);      // delta: <=1:6 <=1.5:14 <=2:18 <=2.5:19 <=10:20
        percentiles(m.itl(), 0.025, 0.0625, 0.0725, 200);
        near(m.running(), 4);          // 3 + 1
        near(m.waiting(), 2);
        near(m.kvCacheUsage(), 0.4);   // mean of 0.3 and 0.5
    }

    @Test
    void olderVllmNames() {
        feed("vllm-old-1.txt");
        EngineMetrics m = feedAfter(Duration.ofSeconds(5), "vllm-old-2.txt");
        percentiles(m.itl(), 0.025, 0.0625, 0.0725, 200); // from time_per_output_token_seconds
        near(m.kvCacheUsage(), 0.4);                      // from gpu_cache_usage_perc
        near(m.qps(), 4.0);
    }

    @Test
    void llamaCppHasNoLatenciesOrRequestCounts() {
        feed("llamacpp-1.txt");
        EngineMetrics m = feedAfter(Duration.ofSeconds(5), "llamacpp-2.txt");
        assertThat(m.flavor()).isEqualTo(new EngineFlavor("llama.cpp"));
        near(m.tokensInPerSec(), 100);  // prompt_tokens_total +500
        near(m.tokensOutPerSec(), 50);  // tokens_predicted_total +250
        assertThat(m.qps()).isEmpty();
        assertThat(m.errorsPerSec()).isEmpty();
        assertThat(m.e2e()).isEqualTo(Percentiles.NOT_AVAILABLE);
        assertThat(m.ttft()).isEqualTo(Percentiles.NOT_AVAILABLE);
        assertThat(m.itl()).isEqualTo(Percentiles.NOT_AVAILABLE);
        near(m.running(), 2);
        near(m.waiting(), 1);
        near(m.kvCacheUsage(), 0.0625);
    }

    @Test
    void counterResetCountsTheNewValueAsTheIncrease() {
        feed("builtin-2.txt");
        EngineMetrics m = feedAfter(Duration.ofSeconds(10), "builtin-1.txt"); // engine restarted: values fell
        near(m.qps(), 1.0);             // ok is 10 after the restart -> 10 in 10 s
        near(m.tokensInPerSec(), 100);  // 1000 since restart
        percentiles(m.e2e(), 0.8125, 3.625, 4.725, 11); // all 11 since restart: <=.25:1 <=.5:3 <=1:7 <=2.5:10 <=5:11
    }

    @Test
    void slidingWindowDropsOldScrapesButKeepsABaseline() {
        feed("builtin-1.txt");
        feedAfter(Duration.ofSeconds(10), "builtin-2.txt");
        feedAfter(Duration.ofSeconds(10), "builtin-2.txt");
        EngineMetrics quiet = feedAfter(Duration.ofSeconds(30), "builtin-2.txt");
        assertThat(quiet.window()).isEqualTo(Duration.ofSeconds(30)); // baseline at t=20, now t=50
        near(quiet.qps(), 0.0);                       // known, and zero: nothing completed
        assertThat(quiet.e2e().p50()).isEmpty();      // no request in the window...
        near(quiet.e2e().observations(), 0);          // ...which is told apart from "no histogram"
    }

    @Test
    void anotherEngineOrABackwardClockStartsOver() {
        feed("vllm-1.txt");
        EngineMetrics other = feedAfter(Duration.ofSeconds(5), "builtin-2.txt");
        assertThat(other.flavor()).isEqualTo(new EngineFlavor("builtin"));
        assertThat(other.qps()).isEmpty();
        clock.advance(Duration.ofSeconds(-3));
        assertThat(feed("builtin-2.txt").window()).isZero();
    }

    @Test
    void presentFamilyWithoutMatchingSeriesIsZeroAbsentFamilyIsNotAvailable() throws Exception {
        normalizer.update(ParsedMetrics.parse("inferdeck_requests_total{outcome=\"ok\"} 5\n"));
        clock.advance(Duration.ofSeconds(5));
        EngineMetrics m = normalizer.update(ParsedMetrics.parse("inferdeck_requests_total{outcome=\"ok\"} 10\n"));
        near(m.qps(), 1.0);
        near(m.errorsPerSec(), 0.0);
        assertThat(m.tokensOutPerSec()).isEmpty();
        assertThat(m.running()).isEmpty();
        assertThat(m.kvCacheUsage()).isEmpty();
    }

    @Test
    void unknownExpositionGivesNothing() throws Exception {
        normalizer.update(ParsedMetrics.parse("up 1\n"));
        clock.advance(Duration.ofSeconds(1));
        EngineMetrics m = normalizer.update(ParsedMetrics.parse("up 1\n"));
        assertThat(m.flavor()).isEqualTo(EngineFlavor.UNKNOWN);
        assertThat(m.qps()).isEmpty();
        assertThat(m.running()).isEmpty();
        assertThat(m.e2e()).isEqualTo(Percentiles.NOT_AVAILABLE);
    }

    @Test
    void sglangFromItsDocumentedNames() {
        EngineMetrics first = feed("sglang-1.txt");
        assertThat(first.flavor()).isEqualTo(new EngineFlavor("sglang"));
        EngineMetrics m = feedAfter(Duration.ofSeconds(10), "sglang-2.txt");
        near(m.qps(), 2.0);               // e2e_request_latency_seconds_count 0 -> 20
        assertThat(m.errorsPerSec()).isEmpty(); // SGLang documents no failure counter
        near(m.tokensInPerSec(), 200);    // 1000 -> 3000
        near(m.tokensOutPerSec(), 400);   // 2000 -> 6000
        percentiles(m.ttft(), 0.05, 0.3, 0.46, 20);   // delta: <=.05:10 <=.1:18 <=.5:20
        percentiles(m.e2e(), 1.0, 3.5, 4.7, 20);      // delta: <=.5:4 <=1:10 <=2:18 <=5:20
        percentiles(m.itl(), 0.01, 0.035, 0.047, 100); // delta: <=.01:50 <=.02:90 <=.05:100
        near(m.running(), 3);
        near(m.waiting(), 1);
        near(m.kvCacheUsage(), 0.42);     // token_usage
    }

    @Test
    void tgiFromItsDocumentedNames() {
        EngineMetrics first = feed("tgi-1.txt");
        assertThat(first.flavor()).isEqualTo(new EngineFlavor("tgi"));
        EngineMetrics m = feedAfter(Duration.ofSeconds(10), "tgi-2.txt");
        near(m.qps(), 2.0);               // tgi_request_success 10 -> 30
        near(m.errorsPerSec(), 0.2);      // tgi_request_failure, every err: 1 -> 3
        near(m.tokensInPerSec(), 200);    // tgi_request_input_length_sum 1000 -> 3000
        near(m.tokensOutPerSec(), 400);   // tgi_request_generated_tokens_sum 2000 -> 6000
        percentiles(m.e2e(), 1.0, 3.5, 4.7, 20);      // tgi_request_duration delta: <=.5:4 <=1:10 <=2:18 <=5:20
        percentiles(m.itl(), 0.01, 0.035, 0.047, 20); // mean time per token delta: <=.01:10 <=.02:18 <=.05:20
        assertThat(m.ttft()).isEqualTo(Percentiles.NOT_AVAILABLE); // TGI exports none
        assertThat(m.kvCacheUsage()).isEmpty();
        near(m.running(), 3);             // tgi_batch_current_size
        near(m.waiting(), 1);             // tgi_queue_size
    }
}
