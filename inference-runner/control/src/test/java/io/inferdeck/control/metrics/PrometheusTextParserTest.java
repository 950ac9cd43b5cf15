package io.inferdeck.control.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class PrometheusTextParserTest {

    @Test
    void openMetricsExtrasEscapesSpecialValuesTimestampsAndExemplars() {
        ParsedMetrics m = Fixtures.parsed("openmetrics.txt");
        assertThat(m.help("acme_http_requests")).contains("Requests served,\nby code. A backslash: \\");
        assertThat(m.type("acme_http_requests")).contains(MetricType.COUNTER);
        assertThat(m.type("acme_latency_seconds")).contains(MetricType.HISTOGRAM);

        assertThat(m.series("acme_http_requests_total")).satisfiesExactly(
                a -> {
                    assertThat(a.labels()).isEqualTo(Map.of("code", "200", "path", "C:\\temp\\x"));
                    assertThat(a.value()).isEqualTo(1027);
                    assertThat(a.timestamp()).isEqualTo(OptionalDouble.of(1395066363.0));
                },
                b -> {
                    assertThat(b.label("path")).isEqualTo("/say \"hi\"\nthere");
                    assertThat(b.timestamp()).isEmpty();
                });
        assertThat(m.series("acme_latency_seconds_bucket")).extracting(MetricSample::value).containsExactly(8.0, 10.0, 11.0);
        assertThat(m.series("acme_temperature")).extracting(MetricSample::value)
                .containsExactly(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0015, 42.0);
        assertThat(m.series("acme_temperature").get(4).labels()).isEqualTo(Map.of("sensor", "e"));
        assertThat(m.series("acme_temperature").get(4).timestamp()).isEqualTo(OptionalDouble.of(1.7e12));
        assertThat(m.names()).doesNotContain("this"); // nothing after # EOF
    }

    @Test
    void realEngineExpositionsParse() {
        ParsedMetrics builtin = Fixtures.parsed("builtin-2.txt");
        assertThat(builtin.series("inferdeck_model_info").getFirst().labels())
                .isEqualTo(Map.of("backend", "cpu", "model", "tiny \"default\" model\\v1", "quant", "Q8_0"));
        assertThat(builtin.series("inferdeck_model_file_bytes").getFirst().value()).isEqualTo(29884416.0);
        assertThat(builtin.series("inferdeck_request_duration_seconds_bucket")).hasSize(17);

        ParsedMetrics vllm = Fixtures.parsed("vllm-2.txt");
        assertThat(vllm.series("vllm:num_requests_running")).hasSize(2);
        assertThat(vllm.type("vllm:e2e_request_latency_seconds")).contains(MetricType.HISTOGRAM);
        assertThat(vllm.series("process_resident_memory_bytes").getFirst().value()).isEqualTo(1.2345e9);

        ParsedMetrics llama = Fixtures.parsed("llamacpp-2.txt");
        assertThat(llama.series("llamacpp:tokens_predicted_total").getFirst().value()).isEqualTo(3719);
        assertThat(llama.names()).allMatch(n -> n.startsWith("llamacpp:"));
    }

    @Test
    void toleratesCrlfBlankLinesAndUnknownComments() throws Exception {
        ParsedMetrics m = PrometheusTextParser.parse("# just a comment\r\n\r\nup 1\r\n# TYPE x gaugehistogram\r\nx_bucket{le=\"1\"} 2\r\n");
        assertThat(m.series("up").getFirst().value()).isEqualTo(1);
        assertThat(m.type("x")).contains(MetricType.UNTYPED);
        assertThat(PrometheusTextParser.parse("").samples()).isEmpty();
    }

    @Test
    void malformedLinesNameTheLine() {
        assertFails("ok 1\nbad{a=\"x\" 1\n", 2, "expected ',' or '}'");
        assertFails("bad{a=\"x} 1", 1, "unterminated");
        assertFails("bad{a=\"1\",a=\"2\"} 1", 1, "duplicate label 'a'");
        assertFails("bad 1d", 1, "not a number: '1d'");
        assertFails("bad 0x10", 1, "not a number");
        assertFails("bad", 1, "missing value");
        assertFails("bad 1 2 3", 1, "unexpected text after the timestamp");
        assertFails("bad{1a=\"x\"} 1", 1, "expected a label name");
        assertFails("{a=\"x\"} 1", 1, "expected a metric name");
        assertFails("# TYPE lonely\n", 1, "TYPE line needs");
    }

    private static void assertFails(String text, int line, String message) {
        assertThatThrownBy(() -> PrometheusTextParser.parse(text)).isInstanceOfSatisfying(MetricsFormatException.class,
                e -> {
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.getMessage()).startsWith("line " + line + ": ").contains(message);
                });
    }
}
