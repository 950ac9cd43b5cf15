package io.inferdeck.services.tuning;

import io.inferdeck.tuning.load.BenchPlan;
import io.inferdeck.tuning.load.LoadShape;
import io.inferdeck.tuning.load.PromptSet;
import io.inferdeck.tuning.load.Slo;
import java.time.Duration;

/**
 * The load each sweep point and each "Apply & measure" gets, from the page and the sweep CLI alike: closed
 * loop with {@code concurrency} streams, a warm-up, a measured window and {@code maxTokens} per request,
 * judged against {@code slo}, cycling through {@code prompts}; {@code extension} lets the window grow until the
 * SLO percentile's interval is tight enough ({@link BenchPlan.Extension}).
 */
public record BenchSettings(int concurrency, Duration warmup, Duration duration, int maxTokens, Slo slo, PromptSet prompts,
                            BenchPlan.Extension extension) {

    /** A fixed window (no extension). */
    public BenchSettings(int concurrency, Duration warmup, Duration duration, int maxTokens, Slo slo, PromptSet prompts) {
        this(concurrency, warmup, duration, maxTokens, slo, prompts, BenchPlan.Extension.NONE);
    }

    /** The built-in prompt sets, as the sweep CLI's {@code --prompts mix|short}. */
    public enum Prompts {
        MIX("chat + documents"), SHORT("short chat");

        private final String label;

        Prompts(String label) {
            this.label = label;
        }

        public PromptSet set() {
            return this == MIX ? PromptSet.builtIn() : PromptSet.builtInShort();
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The short preset: 4 streams, 2 s warm-up, 10 s measured, 32 tokens, the prompt mix (the sweep CLI's defaults). */
    public static final BenchSettings PRESET = new BenchSettings(4, Duration.ofSeconds(2), Duration.ofSeconds(10), 32, Slo.DEFAULT);

    public BenchSettings {
        if (concurrency < 1 || maxTokens < 1 || warmup.isNegative() || !duration.isPositive() || prompts == null || extension == null) {
            throw new IllegalArgumentException("concurrency and max tokens must be >= 1, the window positive, prompts given");
        }
    }

    public BenchSettings(int concurrency, Duration warmup, Duration duration, int maxTokens, Slo slo, Prompts prompts) {
        this(concurrency, warmup, duration, maxTokens, slo, prompts.set());
    }

    public BenchSettings(int concurrency, Duration warmup, Duration duration, int maxTokens, Slo slo) {
        this(concurrency, warmup, duration, maxTokens, slo, Prompts.MIX);
    }

    /** The plan against {@code url} (a server root, its /v1 or the chat URL); {@code apiKey} may be null. */
    public BenchPlan plan(String url, String apiKey) {
        return BenchPlan.builder(url, new LoadShape.ClosedLoop(concurrency)).apiKey(apiKey).warmup(warmup)
                .duration(duration).maxTokens(maxTokens).slo(slo).prompts(prompts).extension(extension).build();
    }
}
