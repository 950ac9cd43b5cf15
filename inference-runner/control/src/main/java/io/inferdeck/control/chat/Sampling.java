package io.inferdeck.control.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * Sampling parameters of one request. {@code null} means "leave it to the engine" and is not sent.
 * Ranges follow the OpenAI API (and the built-in runner's docs/runner.md): temperature 0–2, top_p 0–1,
 * top_k ≥ 0, max_tokens ≥ 1, seed 0–2147483647, at most 4 non-empty stop strings, penalties −2–2.
 */
public record Sampling(Double temperature, Double topP, Integer topK, Integer maxTokens, Long seed,
                       List<String> stop, Double presencePenalty, Double frequencyPenalty) {

    public Sampling {
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    public static Sampling defaults() {
        return new Sampling(0.7, 0.95, 40, 256, null, List.of(), null, null);
    }

    /** The presets the playground offers: 0.3 precise, 0.7 balanced, 0.9 creative (temperature only). */
    public Sampling withTemperature(double t) {
        return new Sampling(t, topP, topK, maxTokens, seed, stop, presencePenalty, frequencyPenalty);
    }

    public Sampling withMaxTokens(Integer n) {
        return new Sampling(temperature, topP, topK, n, seed, stop, presencePenalty, frequencyPenalty);
    }

    public Sampling withSeed(Long s) {
        return new Sampling(temperature, topP, topK, maxTokens, s, stop, presencePenalty, frequencyPenalty);
    }

    /** Field-level problems, empty when valid; each message starts with the API field name. */
    public List<String> validate() {
        List<String> errors = new ArrayList<>();
        range(errors, "temperature", temperature, 0, 2);
        range(errors, "top_p", topP, 0, 1);
        if (topK != null && topK < 0) {
            errors.add("top_k: must be ≥ 0 (0 = off), got " + topK);
        }
        if (maxTokens != null && maxTokens < 1) {
            errors.add("max_tokens: must be ≥ 1, got " + maxTokens);
        }
        if (seed != null && (seed < 0 || seed > Integer.MAX_VALUE)) {
            errors.add("seed: must be 0–2147483647, got " + seed);
        }
        if (stop.size() > 4) {
            errors.add("stop: at most 4 strings, got " + stop.size());
        }
        if (stop.stream().anyMatch(String::isEmpty)) {
            errors.add("stop: strings must not be empty");
        }
        range(errors, "presence_penalty", presencePenalty, -2, 2);
        range(errors, "frequency_penalty", frequencyPenalty, -2, 2);
        return errors;
    }

    private static void range(List<String> errors, String name, Double v, double lo, double hi) {
        if (v != null && (v.isNaN() || v < lo || v > hi)) {
            errors.add(name + ": must be " + fmt(lo) + "–" + fmt(hi) + ", got " + v);
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
