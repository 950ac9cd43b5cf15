package io.inferdeck.runner;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What one request asks of the sampler, already range-checked by the request parser. Empty values keep
 * llama.cpp's defaults (temperature 0.8, top_p 0.95, top_k 40, random seed).
 *
 * @param maxTokens upper bound on generated tokens; the parser fills it with what the slot has left when absent
 * @param ignoreEos a llama-server extension: keep generating past end-of-sequence (benchmarks use it)
 */
public record Sampling(int maxTokens, OptionalDouble temperature, OptionalDouble topP, OptionalInt topK,
                       OptionalInt seed, List<String> stop, OptionalDouble presencePenalty,
                       OptionalDouble frequencyPenalty, boolean ignoreEos) {
    public Sampling {
        stop = List.copyOf(stop);
    }

    public Sampling withMaxTokens(int n) {
        return new Sampling(n, temperature, topP, topK, seed, stop, presencePenalty, frequencyPenalty, ignoreEos);
    }

    /** Fixed-length greedy-free sampling with a seed, as the benchmark uses on both paths. */
    public static Sampling fixedLength(int tokens, int seed) {
        return new Sampling(tokens, OptionalDouble.of(0.8), OptionalDouble.empty(), OptionalInt.empty(), OptionalInt.of(seed),
                List.of(), OptionalDouble.empty(), OptionalDouble.empty(), true);
    }
}
