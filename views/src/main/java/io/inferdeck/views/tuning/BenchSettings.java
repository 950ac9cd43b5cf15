package io.inferdeck.views.tuning;

import io.inferdeck.tuning.load.BenchPlan;
import io.inferdeck.tuning.load.LoadShape;
import io.inferdeck.tuning.load.Slo;
import java.time.Duration;

/**
 * The load each sweep point and each "Apply & measure" gets: closed loop with {@code concurrency} streams,
 * a warm-up, a measured window and {@code maxTokens} per request, judged against {@code slo}.
 */
public record BenchSettings(int concurrency, Duration warmup, Duration duration, int maxTokens, Slo slo) {

    /** The short preset: 4 streams, 2 s warm-up, 10 s measured, 32 tokens (the sweep CLI's defaults). */
    public static final BenchSettings PRESET = new BenchSettings(4, Duration.ofSeconds(2), Duration.ofSeconds(10), 32, Slo.DEFAULT);

    public BenchSettings {
        if (concurrency < 1 || maxTokens < 1 || warmup.isNegative() || !duration.isPositive()) {
            throw new IllegalArgumentException("concurrency and max tokens must be >= 1, the window positive");
        }
    }

    public BenchPlan plan(String url, String apiKey) {
        return BenchPlan.builder(url, new LoadShape.ClosedLoop(concurrency)).apiKey(apiKey).warmup(warmup)
                .duration(duration).maxTokens(maxTokens).slo(slo).build();
    }
}
