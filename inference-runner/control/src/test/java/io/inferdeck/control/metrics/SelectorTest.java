package io.inferdeck.control.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SelectorTest {
    @Test
    void seriesWithoutTheFilteredLabelAreSkippedNotFatal() throws Exception {
        ParsedMetrics m = ParsedMetrics.parse("""
                # TYPE inferdeck_requests_total counter
                inferdeck_requests_total{outcome="ok"} 5
                inferdeck_requests_total{outcome="error"} 2
                inferdeck_requests_total 7
                """);
        assertThat(Selector.sumWhere("inferdeck_requests_total", "outcome", "ok").read(m)).hasValue(5);
        assertThat(Selector.sumWhere("inferdeck_requests_total", "outcome", "rejected").read(m)).hasValue(0);
        assertThat(Selector.sum("inferdeck_requests_total").read(m)).hasValue(14);
        assertThat(Selector.sum("absent_total").read(m)).isEmpty();
    }
}
