package io.inferdeck.tuning.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A prompt set for measuring a response cache: {@code distinct} different short questions, requested with
 * Zipf-distributed popularity (the question of rank k, counted from 1, is asked with probability proportional
 * to 1 / k^s), at temperature 0 so a cache may answer repeats. The request sequence is drawn once, from a
 * seeded RNG, so two runs with the same parameters send the same requests in the same order; a run longer
 * than {@value #DRAWS} requests goes through the sequence again.
 */
public final class ZipfPrompts {
    /** Length of the drawn request sequence. */
    static final int DRAWS = 10_000;
    private static final List<String> TOPICS = List.of("the capital of France", "how a GPU works",
            "writing clear commit messages", "autumn rain", "prime numbers", "the Spanish word for morning",
            "photosynthesis", "the speed of light", "sourdough bread", "binary search");

    private ZipfPrompts() {
    }

    /**
     * @param distinct how many different questions (1..100,000)
     * @param exponent the Zipf exponent s (> 0; about 1 for typical query popularity)
     */
    public static PromptSet of(int distinct, double exponent, long seed) {
        if (distinct < 1 || distinct > 100_000 || !(exponent > 0) || Double.isInfinite(exponent)) {
            throw new IllegalArgumentException("zipf needs 1..100000 distinct prompts and an exponent above 0");
        }
        List<Prompt> questions = new ArrayList<>(distinct);
        for (int k = 0; k < distinct; k++) {
            questions.add(question(k + 1));
        }
        double[] cdf = cumulative(distinct, exponent);
        SplittableRandom random = new SplittableRandom(seed);
        List<Prompt> sequence = new ArrayList<>(DRAWS);
        for (int i = 0; i < DRAWS; i++) {
            sequence.add(questions.get(rank(cdf, random.nextDouble())));
        }
        return new PromptSet(String.format(java.util.Locale.ROOT, "zipf:%d:%s:%d", distinct, exponent, seed), sequence);
    }

    /**
     * {@code count} different questions of the same shape as the Zipf set's, numbered from {@code first}, each asked
     * once (in order): traffic in which no prompt repeats, for measuring what a per-prompt cache cannot save. Two
     * sets whose number ranges do not overlap share no prompt.
     */
    public static PromptSet distinct(long first, int count) {
        if (first < 1 || count < 1 || count > 1_000_000) {
            throw new IllegalArgumentException("distinct prompts need first >= 1 and 1..1000000 prompts");
        }
        List<Prompt> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(question(first + i));
        }
        return new PromptSet(String.format(java.util.Locale.ROOT, "distinct:%d..%d", first, first + count - 1), out);
    }

    /** Question number {@code k} (from 1), at temperature 0. */
    private static Prompt question(long k) {
        String text = "Question " + k + ": in one sentence, tell me something about "
                + TOPICS.get((int) ((k - 1) % TOPICS.size())) + ".";
        return new Prompt(List.of(new Prompt.Message("user", text)), 0, OptionalDouble.of(0));
    }

    /** Cumulative probabilities of ranks 1..n, normalised so the last is 1. */
    private static double[] cumulative(int n, double s) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += Math.pow(k + 1, -s);
            cdf[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            cdf[k] /= sum;
        }
        return cdf;
    }

    /** The 0-based rank whose cumulative probability first reaches {@code u} (inverse transform sampling). */
    private static int rank(double[] cdf, double u) {
        int i = Arrays.binarySearch(cdf, u);
        return Math.min(cdf.length - 1, i >= 0 ? i : -i - 1);
    }
}
