package io.inferdeck.safety.blocklist;

import io.inferdeck.safety.normalize.CharStepper;
import java.util.Arrays;

/**
 * Runs a {@link CompactAhoCorasick} inside the normalizer's single pass: records, per normalized char that ends a
 * pattern, the state and the end index; {@link #forEach} expands them into the same (pattern, end) matches, in the
 * same order, as {@link CompactAhoCorasick#scan} over the finished text. One use, one thread.
 */
final class AutomatonStepper implements CharStepper {
    private final CompactAhoCorasick automaton;
    private int[] found = new int[64];   // pairs: state with output, exclusive end
    private int size;

    AutomatonStepper(CompactAhoCorasick automaton) {
        this.automaton = automaton;
    }

    @Override
    public int scan(int state, char[] text, int from, int to) {
        return automaton.scan(state, text, from, to, this::record);
    }

    private void record(int endsAt, int end) {
        if (size == found.length) {
            found = Arrays.copyOf(found, size * 2);
        }
        found[size++] = endsAt;
        found[size++] = end;
    }

    @Override
    public void forget(int from) {
        while (size > 0 && found[size - 1] > from) {
            size -= 2;
        }
    }

    @Override
    public int restart(char[] text, int end) {
        return automaton.stateAfter(text, end);
    }

    void forEach(CompactAhoCorasick.MatchSink sink) {
        for (int k = 0; k < size; k += 2) {
            automaton.report(found[k], found[k + 1], sink);
        }
    }
}
