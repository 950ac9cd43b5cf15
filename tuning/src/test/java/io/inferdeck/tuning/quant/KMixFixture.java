package io.inferdeck.tuning.quant;

import io.inferdeck.gguf.LlamaModelSpec;

/**
 * A llama model shaped for k-quants: every row (embedding 256, feed-forward 512) fills whole 256-value
 * super-blocks, unlike {@link LlamaModelSpec#TINY} (rows of 64/128, which only exercise the fallbacks).
 * Eight layers so that llama.cpp's per-layer rules (first/last eighth, every third layer) pick distinct layers;
 * 4 query heads per KV head (gqa 4).
 */
final class KMixFixture {
    static final LlamaModelSpec EIGHT_LAYERS =
            new LlamaModelSpec("kmix-8", "k-mix test (random weights)", 640, 256, 8, 4, 1, 512, 512, 11L);
    /** The same shape with two layers: quick to quantize and to serve. */
    static final LlamaModelSpec TWO_LAYERS =
            new LlamaModelSpec("kmix-2", "k-mix test (random weights)", 640, 256, 2, 4, 1, 256, 512, 12L);

    private KMixFixture() {
    }
}
