package io.inferdeck.common.prom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The parser both engine metrics (control) and DCGM exporters (gpu-monitor) use. */
class PromTextParserTest {

    @Test
    void openMetricsExtrasEscapesSpecialValuesTimestampsAndExemplars() throws IOException {
        PromExposition m = PromTextParser.parse(fixture("openmetrics.txt"));
        assertThat(m.help("acme_http_requests")).contains("Requests served,\nby code. A backslash: \\");
        assertThat(m.type("acme_http_requests")).contains(PromType.COUNTER);
        assertThat(m.type("acme_latency_seconds")).contains(PromType.HISTOGRAM);

        assertThat(series(m, "acme_http_requests_total")).satisfiesExactly(
                a -> {
                    assertThat(a.labels()).isEqualTo(Map.of("code", "200", "path", "C:\\temp\\x"));
                    assertThat(a.value()).isEqualTo(1027);
                    assertThat(a.timestamp()).isEqualTo(OptionalDouble.of(1395066363.0));
                },
                b -> {
                    assertThat(b.label("path")).isEqualTo("/say \"hi\"\nthere");
                    assertThat(b.timestamp()).isEmpty();
                });
        assertThat(series(m, "acme_latency_seconds_bucket")).extracting(PromSample::value).containsExactly(8.0, 10.0, 11.0);
        assertThat(series(m, "acme_temperature")).extracting(PromSample::value)
                .containsExactly(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0015, 42.0);
        assertThat(series(m, "acme_temperature").get(4).labels()).isEqualTo(Map.of("sensor", "e"));
        assertThat(series(m, "acme_temperature").get(4).timestamp()).isEqualTo(OptionalDouble.of(1.7e12));
        assertThat(m.samples()).extracting(PromSample::name).doesNotContain("this"); // nothing after # EOF
    }

    @Test
    void readsLabelsValuesAndSkipsCommentsAndBlanks() throws IOException {
        List<PromSample> samples = PromTextParser.parse("""
                # HELP up Whether up.
                # TYPE up gauge

                up 1
                  requests_total{code="200" , path="/a\\\\b\\"c\\nd",} 1.5e3 1700000000000
                job:latency:p99{le="+Inf"}\t-Inf
                x NaN\r
                """).samples();

        assertThat(samples).hasSize(4);
        assertThat(samples.get(0)).isEqualTo(new PromSample("up", Map.of(), 1));
        assertThat(samples.get(1).name()).isEqualTo("requests_total");
        assertThat(samples.get(1).labels()).containsExactly(Map.entry("code", "200"), Map.entry("path", "/a\\b\"c\nd"));
        assertThat(samples.get(1).value()).isEqualTo(1500.0);
        assertThat(samples.get(1).timestamp()).isEqualTo(OptionalDouble.of(1.7e12));
        assertThat(samples.get(2).value()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(samples.get(2).label("le")).isEqualTo("+Inf");
        assertThat(samples.get(3).value()).isNaN();
    }

    @Test
    void toleratesCrlfBlankLinesAndUnknownComments() throws IOException {
        PromExposition m = PromTextParser.parse("# just a comment\r\n\r\nup 1\r\n# TYPE x gaugehistogram\r\nx_bucket{le=\"1\"} 2\r\n");
        assertThat(series(m, "up").getFirst().value()).isEqualTo(1);
        assertThat(m.type("x")).contains(PromType.UNTYPED);
        assertThat(PromTextParser.parse("").samples()).isEmpty();
    }

    @Test
    void quotedLabelNamesAndExemplarsWithoutTimestamp() throws IOException {
        PromSample s = PromTextParser.parse("up{\"a b\"=\"x\"} 1 # {trace_id=\"1\"} 2\n").samples().getFirst();
        assertThat(s.labels()).isEqualTo(Map.of("a b", "x"));
        assertThat(s.value()).isEqualTo(1);
        assertThat(s.timestamp()).isEmpty();
    }

    @Test
    void helpUnescapesOnlyBackslashAndNewline() throws IOException {
        PromExposition m = PromTextParser.parse("# HELP a one\\\\nline \\t kept\n# HELP b\na 1\n");
        assertThat(m.help("a")).contains("one\\nline \\t kept");
        assertThat(m.help("b")).contains("");
        assertThat(m.help("c")).isEmpty();
    }

    @Test
    void malformedLinesNameTheLine() {
        assertFails("ok 1\nbad{a=\"x\" 1\n", 2, "expected ',' or '}' at column 11");
        assertFails("bad{a=\"x} 1", 1, "unterminated label value");
        assertFails("bad{\"a b} 1", 1, "unterminated label name");
        assertFails("bad{a=\"1\",a=\"2\"} 1", 1, "duplicate label 'a'");
        assertFails("bad 1d", 1, "value is not a number: '1d'");
        assertFails("bad 0x10", 1, "value is not a number: '0x10'");
        assertFails("bad", 1, "missing value");
        assertFails("bad{a=\"x\"", 1, "missing '}'");
        assertFails("bad 1 2 3", 1, "unexpected text after the timestamp: '3'");
        assertFails("bad{1a=\"x\"} 1", 1, "expected a label name at column 5");
        assertFails("{a=\"x\"} 1", 1, "expected a metric name at column 1");
        assertFails("# TYPE lonely\n", 1, "TYPE line needs a metric name and a type");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "up                      | line 2: missing value",
        "up{a=\"1\" 1            | line 2: expected ',' or '}' at column 10",
        "up{a=\"1} 1             | line 2: unterminated label value",
        "up{a=1} 1               | line 2: expected '\"' at column 6",
        "up{a=\"1\",a=\"2\"} 1   | line 2: duplicate label 'a'",
        "up{a=\"\\x\"} 1         | line 2: bad escape '\\x' in a label value",
        "up 1d                   | line 2: value is not a number: '1d'",
        "up 1 soon               | line 2: timestamp is not a number: 'soon'",
        "up 1 2 3                | line 2: unexpected text after the timestamp: '3'",
        "9up 1                   | line 2: expected a metric name at column 1",
        "up{9a=\"1\"} 1          | line 2: expected a label name at column 4",
    })
    void rejectsMalformedLinesNamingTheLine(String line, String message) {
        assertThatThrownBy(() -> PromTextParser.parse("ok 1\n" + line + "\n"))
                .isInstanceOfSatisfying(PromFormatException.class, e -> assertThat(e.line()).isEqualTo(2))
                .hasMessage(message);
    }

    @Test
    void refusesTextsAndLinesOverItsBounds() throws IOException {
        PromTextParser small = new PromTextParser(20, 8);
        assertThat(small.read("a 1\nbb 2\n").samples()).hasSize(2);
        assertThatThrownBy(() -> small.read("a 1\nb 2\nc 3\nd 4\ne 5\nf 6\n"))
                .isInstanceOfSatisfying(PromFormatException.class, e -> assertThat(e.line()).isEqualTo(6))
                .hasMessage("line 6: the text runs past 20 characters, the most this parser reads");
        assertThatThrownBy(() -> small.read("a 1\nlong_name 1\n"))
                .isInstanceOfSatisfying(PromFormatException.class, e -> assertThat(e.line()).isEqualTo(2))
                .hasMessage("line 2: the line has 11 characters, over the limit of 8");
        assertThatThrownBy(() -> new PromTextParser(0, 8)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void numbersTakeGoSpellingsOnly() {
        assertThat(PromTextParser.number("+Inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(PromTextParser.number("-infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(PromTextParser.number("nan")).isNaN();
        assertThat(PromTextParser.number(".5e1")).isEqualTo(5.0);
        assertThatThrownBy(() -> PromTextParser.number("1f")).isInstanceOf(NumberFormatException.class)
                .hasMessage("not a number: '1f'");
    }

    private static List<PromSample> series(PromExposition m, String name) {
        return m.samples().stream().filter(s -> s.name().equals(name)).toList();
    }

    private static void assertFails(String text, int line, String message) {
        assertThatThrownBy(() -> PromTextParser.parse(text)).isInstanceOfSatisfying(PromFormatException.class,
                e -> {
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.getMessage()).isEqualTo("line " + line + ": " + message);
                });
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = PromTextParserTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
