package io.inferdeck.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The arithmetic of the benchmark, not a speed limit. */
class SweepBenchmarkTest {

    @Test
    void nearestRankPercentiles() {
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i + 1;
        }
        assertThat(SweepBenchmark.percentile(sorted, 50)).isEqualTo(50);
        assertThat(SweepBenchmark.percentile(sorted, 99)).isEqualTo(99);
        assertThat(SweepBenchmark.percentile(new long[] {7}, 99)).isEqualTo(7);
    }

    @Test
    void countsSweepsAndReportsTheLastState() {
        GpuSamplerTest.CountingSource source = new GpuSamplerTest.CountingSource();
        SweepBenchmark.Result result = SweepBenchmark.run(source, 3, 20);
        assertThat(source.samples.get()).isEqualTo(23);
        assertThat(result.gpus()).isEqualTo(1);
        assertThat(result.state().message()).isEqualTo("sample 23");
        assertThat(result.minMicros()).isLessThanOrEqualTo(result.medianMicros());
        assertThat(result.medianMicros()).isLessThanOrEqualTo(result.p99Micros());
        assertThat(result.p99Micros()).isLessThanOrEqualTo(result.maxMicros());
    }
}
