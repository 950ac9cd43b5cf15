package io.inferdeck.control.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.common.prom.PromType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engines' real expositions through the common parser, and the by-name index over them. */
class ParsedMetricsTest {

    @Test
    void realEngineExpositionsParse() {
        ParsedMetrics builtin = Fixtures.parsed("builtin-2.txt");
        assertThat(builtin.series("inferdeck_model_info").getFirst().labels())
                .isEqualTo(Map.of("backend", "cpu", "model", "tiny \"default\" model\\v1", "quant", "Q8_0"));
        assertThat(builtin.series("inferdeck_model_file_bytes").getFirst().value()).isEqualTo(29884416.0);
        assertThat(builtin.series("inferdeck_request_duration_seconds_bucket")).hasSize(17);

        ParsedMetrics vllm = Fixtures.parsed("vllm-2.txt");
        assertThat(vllm.series("vllm:num_requests_running")).hasSize(2);
        assertThat(vllm.type("vllm:e2e_request_latency_seconds")).contains(PromType.HISTOGRAM);
        assertThat(vllm.series("process_resident_memory_bytes").getFirst().value()).isEqualTo(1.2345e9);

        ParsedMetrics llama = Fixtures.parsed("llamacpp-2.txt");
        assertThat(llama.series("llamacpp:tokens_predicted_total").getFirst().value()).isEqualTo(3719);
        assertThat(llama.names()).allMatch(n -> n.startsWith("llamacpp:"));
    }

    @Test
    void indexesSamplesByNameInFileOrder() throws Exception {
        ParsedMetrics m = ParsedMetrics.parse("""
                # HELP foo Foo things.
                # TYPE foo histogram
                foo_bucket{le="1"} 1
                foo_sum 2
                foo_bucket{le="+Inf"} 3
                bar 4
                """);
        assertThat(m.names()).containsExactly("foo_bucket", "foo_sum", "bar");
        assertThat(m.series("foo_bucket")).extracting(s -> s.label("le")).containsExactly("1", "+Inf");
        assertThat(m.has("foo")).isFalse();
        assertThat(m.series("foo")).isEmpty();
        assertThat(m.samples()).hasSize(4);
        assertThat(m.type("foo")).contains(PromType.HISTOGRAM);
        assertThat(m.help("foo")).contains("Foo things.");
        assertThat(m.help("bar")).isEmpty();
    }
}
