package io.inferdeck.gpu.dcgm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromTextParserTest {

    @Test
    void readsLabelsValuesAndSkipsCommentsAndBlanks() {
        List<PromSample> samples = PromTextParser.parse("""
                # HELP up Whether up.
                # TYPE up gauge

                up 1
                  requests_total{code="200" , path="/a\\\\b\\"c\\nd",} 1.5e3 1700000000000
                job:latency:p99{le="+Inf"}\t-Inf
                x NaN\r
                """);

        assertThat(samples).hasSize(4);
        assertThat(samples.get(0)).isEqualTo(new PromSample("up", Map.of(), 1));
        assertThat(samples.get(1).name()).isEqualTo("requests_total");
        assertThat(samples.get(1).labels()).containsExactly(Map.entry("code", "200"), Map.entry("path", "/a\\b\"c\nd"));
        assertThat(samples.get(1).value()).isEqualTo(1500.0);
        assertThat(samples.get(2).value()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(samples.get(2).label("le")).isEqualTo("+Inf");
        assertThat(samples.get(3).value()).isNaN();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "up                      | line 2: missing value",
        "up{a=\"1\" 1            | line 2: expected ',' or '}' at column 10",
        "up{a=\"1} 1             | line 2: unterminated label value",
        "up{a=1} 1               | line 2: expected '\"' at column 6",
        "up{a=\"1\",a=\"2\"} 1   | line 2: label 'a' given twice",
        "up{a=\"\\x\"} 1         | line 2: bad escape '\\x' in a label value",
        "up 1d                   | line 2: bad value '1d'",
        "up 1 soon               | line 2: bad timestamp 'soon'",
        "up 1 2 3                | line 2: unexpected text after the value: '3'",
        "9up 1                   | line 2: expected a metric name at column 1",
        "up{9a=\"1\"} 1          | line 2: expected a label name at column 4",
    })
    void rejectsMalformedLinesNamingTheLine(String line, String message) {
        assertThatThrownBy(() -> PromTextParser.parse("ok 1\n" + line + "\n"))
                .isInstanceOf(PromTextFormatException.class).hasMessage(message);
    }
}
