package io.inferdeck.safety.blocklist;

/**
 * An immutable Aho-Corasick automaton over UTF-16 chars in double-array form: one int-pair per state
 * ({@code base}, {@code check}) interleaved for locality, a char→code table so only characters that
 * occur in some pattern take part, failure links, and per state the pattern ending there plus a
 * dictionary link to the next state on its failure chain that ends a pattern. Scanning is linear in
 * the text length (amortized O(1) per char). Thread-safe: nothing mutates after {@link AutomatonBuilder}.
 */
public final class CompactAhoCorasick {
    /** Receives each match: the pattern's index (as given to the builder) and its exclusive end. */
    @FunctionalInterface
    public interface MatchSink {
        void match(int pattern, int end);
    }

    private final char[] codeOf;      // char -> 1..K, 0 = in no pattern
    private final int[] da;           // [2s] = base(s), [2s+1] = check: parent state + 1, 0 = free
    private final int[] fail;         // failure state
    private final int[] output;       // pattern ending exactly here, -1 = none
    private final int[] dictLink;     // nearest failure-chain state with output, -1 = none
    private final int[] nextSame;     // next pattern index with the same string, -1 = none
    private final int[] patternLength;
    private final int states;

    CompactAhoCorasick(char[] codeOf, int[] da, int[] fail, int[] output, int[] dictLink, int[] nextSame,
                       int[] patternLength, int states) {
        this.codeOf = codeOf;
        this.da = da;
        this.fail = fail;
        this.output = output;
        this.dictLink = dictLink;
        this.nextSame = nextSame;
        this.patternLength = patternLength;
        this.states = states;
    }

    public static CompactAhoCorasick build(java.util.List<String> patterns) {
        return new AutomatonBuilder(patterns).build();
    }

    public int patternLength(int pattern) {
        return patternLength[pattern];
    }

    public int patternCount() {
        return patternLength.length;
    }

    public int stateCount() {
        return states;
    }

    /** Bytes held by the automaton's arrays (for the benchmark's memory line). */
    public long footprintBytes() {
        return 2L * codeOf.length + 4L * (da.length + fail.length + output.length + dictLink.length
                + nextSame.length + patternLength.length);
    }

    /** Reports every occurrence of every pattern in {@code text}, including overlapping ones. */
    public void scan(CharSequence text, MatchSink sink) {
        final int[] da = this.da;
        final int limit = da.length >> 1;
        int s = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            int c = codeOf[text.charAt(i)];
            if (c == 0) {
                s = 0;
                continue;
            }
            while (true) {
                int t = da[s << 1] + c;
                if (t < limit && da[(t << 1) + 1] == s + 1) {
                    s = t;
                    break;
                }
                if (s == 0) {
                    break;
                }
                s = fail[s];
            }
            int o = output[s] >= 0 ? s : dictLink[s];
            while (o >= 0) {
                for (int p = output[o]; p >= 0; p = nextSame[p]) {
                    sink.match(p, i + 1);
                }
                o = dictLink[o];
            }
        }
    }

    /** Counts matches without allocating; used by the benchmark. */
    public long count(CharSequence text) {
        long[] n = new long[1];
        scan(text, (p, e) -> n[0]++);
        return n[0];
    }
}
