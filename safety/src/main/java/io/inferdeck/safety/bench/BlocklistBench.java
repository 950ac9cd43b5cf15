package io.inferdeck.safety.bench;

import io.inferdeck.safety.blocklist.Blocklist;
import io.inferdeck.safety.blocklist.CompactAhoCorasick;
import io.inferdeck.safety.blocklist.TermList;
import io.inferdeck.safety.normalize.NormalizedText;
import io.inferdeck.safety.normalize.Normalizer;
import io.inferdeck.safety.normalize.NormalizerOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.ahocorasick.trie.Trie;

/**
 * Blocklist throughput: build time and MB/s (UTF-8 bytes of input per second) of InferDeck's own
 * automaton over mixed CN/EN text with N terms, the same for org.ahocorasick (the library option),
 * and the full stage (normalize + match + whole-word + span mapping). Best of several rounds after
 * warm-up, in the thread's CPU time ({@link #bestSeconds}); prints lines, asserts nothing.
 */
public final class BlocklistBench {
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /**
     * Rounds before timing: enough that the rounds' allocations (tens of MB each) cycle through the JVM's initial heap,
     * so the timed rounds reuse memory the way a long-running filter does rather than paying first-touch page faults.
     */
    private static final int WARM_UP = 5;
    private static final int ROUNDS = 7;

    private BlocklistBench() {
    }

    public static void run(int termCount, int textChars, boolean compareLibrary, Consumer<String> out) {
        List<String> terms = BenchCorpus.terms(termCount, 7);
        String text = BenchCorpus.mixedText(textChars, terms, 11);
        double mb = text.getBytes(StandardCharsets.UTF_8).length / 1e6;
        out.accept(String.format("blocklist: %,d terms, text %,d chars = %.1f MB UTF-8 (mixed CN/EN)",
                terms.size(), text.length(), mb));

        long t0 = System.nanoTime();
        CompactAhoCorasick ac = CompactAhoCorasick.build(terms);
        double buildMs = (System.nanoTime() - t0) / 1e6;
        out.accept(String.format("  own automaton:  build %.0f ms, %,d states, %.1f MiB arrays",
                buildMs, ac.stateCount(), ac.footprintBytes() / 1048576.0));
        long[] hits = new long[1];
        double best = bestSeconds(() -> hits[0] = ac.count(text));
        out.accept(String.format("  own automaton:  scan %.0f MB/s (%,d raw matches)", mb / best, hits[0]));

        t0 = System.nanoTime();
        Blocklist bl = Blocklist.build(List.of(new TermList("bench", "bench", terms)));
        buildMs = (System.nanoTime() - t0) / 1e6;
        Normalizer norm = new Normalizer(NormalizerOptions.LEXICAL);
        NormalizedText pre = norm.normalize(text);
        best = bestSeconds(() -> hits[0] = bl.find(pre).size());
        out.accept(String.format("  Blocklist.find (whole-word + spans, pre-normalized): %.0f MB/s, %,d hits;"
                + " build incl. term normalization %.0f ms", mb / best, hits[0], buildMs));
        best = bestSeconds(() -> hits[0] = norm.normalize(text).length());
        out.accept(String.format("  normalize alone (NFKC, case fold, obfuscation passes, offset map): %.0f MB/s", mb / best));
        double[] rounds = roundSeconds(() -> hits[0] = bl.find(norm.normalize(text)).size());
        out.accept(String.format("  normalize + find (the whole stage): %.0f MB/s (target >= 200); median of the %d"
                + " rounds %.0f MB/s", mb / rounds[0], rounds.length, mb / rounds[rounds.length / 2]));

        if (compareLibrary) {
            t0 = System.nanoTime();
            Trie trie = Trie.builder().addKeywords(terms).build();
            buildMs = (System.nanoTime() - t0) / 1e6;
            best = bestSeconds(() -> hits[0] = trie.parseText(text).size());
            out.accept(String.format("  org.ahocorasick 0.6.3: build %.0f ms, scan %.0f MB/s (%,d matches)",
                    buildMs, mb / best, hits[0]));
        }
    }

    /**
     * Seconds of the best of {@value #ROUNDS} rounds after {@value #WARM_UP} warm-up rounds, counted in this thread's
     * CPU time: on a machine whose cores are shared, wall time measures the other processes; CPU time is what a core
     * of its own would take.
     */
    static double bestSeconds(Runnable r) {
        return roundSeconds(r)[0];
    }

    /** The timed rounds' seconds (as in {@link #bestSeconds}), sorted. */
    static double[] roundSeconds(Runnable r) {
        for (int i = 0; i < WARM_UP; i++) {
            r.run();
        }
        double[] rounds = new double[ROUNDS];
        for (int i = 0; i < rounds.length; i++) {
            long t = THREADS.getCurrentThreadCpuTime();
            r.run();
            rounds[i] = (THREADS.getCurrentThreadCpuTime() - t) / 1e9;
        }
        java.util.Arrays.sort(rounds);
        return rounds;
    }
}
