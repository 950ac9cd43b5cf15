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
    /**
     * Three ints per state, together so one cache line serves a step: [3s] = base(s), [3s+1] = check
     * (parent state + 1, 0 = free slot), [3s+2] = first state on s's failure chain (s included) at
     * which a pattern ends; else -1, or {@code -2 - row} when s has a row in {@link #shallow}.
     */
    private final int[] da;
    private final int[] rootNext;     // code -> state reached from the root, 0 = none
    private final int[] fail;         // failure state
    private final int[] output;       // pattern ending exactly here, -1 = none
    private final int[] dictLink;     // nearest failure-chain state with output, -1 = none
    private final int[] nextSame;     // next pattern index with the same string, -1 = none
    private final int[] patternLength;
    private final int states;
    private final ShallowRows shallow;

    CompactAhoCorasick(char[] codeOf, int[] da2, int[] fail, int[] output, int[] dictLink, int[] nextSame,
                       int[] patternLength, int states, int alphabet) {
        this.codeOf = codeOf;
        int slots = da2.length / 2;
        this.da = new int[slots * 3];
        for (int s = 0; s < slots; s++) {
            da[3 * s] = da2[2 * s];
            da[3 * s + 1] = da2[2 * s + 1];
            da[3 * s + 2] = output[s] >= 0 ? s : dictLink[s];
        }
        this.rootNext = new int[alphabet + 1];
        for (int c = 1; c <= alphabet; c++) {
            int t = da2[0] + c;
            rootNext[c] = t < slots && da2[2 * t + 1] == 1 ? t : 0;
        }
        this.fail = fail;
        this.output = output;
        this.dictLink = dictLink;
        this.nextSame = nextSame;
        this.patternLength = patternLength;
        this.states = states;
        this.shallow = ShallowRows.build(da, fail, alphabet);
        for (int r = 0; r < shallow.stateOf.length; r++) {
            da[3 * shallow.stateOf[r] + 2] = -2 - r;
        }
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
        return 2L * codeOf.length + shallow.footprintBytes() + 4L * (da.length + rootNext.length + fail.length + output.length + dictLink.length
                + nextSame.length + patternLength.length);
    }

    /** Reports every occurrence of every pattern in {@code text}, including overlapping ones. */
    public void scan(CharSequence text, MatchSink sink) {
        // A char[] copy scans measurably faster than String.charAt's per-call coder check.
        char[] chars = text instanceof String str ? str.toCharArray() : text.toString().toCharArray();
        scan(chars, chars.length, sink);
    }

    /**
     * As {@link #scan(CharSequence, MatchSink)} over {@code text[0, length)}. The cursor is a state (&ge; 0) or
     * {@code -1 - row} of a shallow state with a full row: from there a frequent code costs one load.
     */
    public void scan(char[] text, int length, MatchSink sink) {
        final int[] da = this.da;
        final char[] codeOf = this.codeOf;
        final int[] rootNext = this.rootNext;
        final int[] fail = this.fail;
        final int[] rows = shallow.next;
        final int[] rowState = shallow.stateOf;
        final int limit = da.length / 3;
        int cur = -1;
        for (int i = 0; i < length; i++) {
            int c = codeOf[text[i]];
            int s;
            if (cur < 0) {
                if (c < ShallowRows.WIDTH) {
                    cur = rows[(~cur << ShallowRows.SHIFT) + c];
                    if (cur >= 0 && da[3 * cur + 2] >= 0) {
                        report(da[3 * cur + 2], i + 1, sink);
                    }
                    continue;
                }
                s = rowState[~cur];
            } else if (c == 0) {
                cur = -1;
                continue;
            } else {
                s = cur;
            }
            while (s != 0) {
                int t = da[3 * s] + c;
                if (t < limit && da[3 * t + 1] == s + 1) {
                    break;
                }
                s = fail[s];
            }
            s = s == 0 ? rootNext[c] : da[3 * s] + c;
            int o = da[3 * s + 2];
            if (o >= 0) {
                report(o, i + 1, sink);
            }
            cur = o < -1 ? o + 1 : s;
        }
    }

    /**
     * The plain double-array scan without shallow rows, reading outputs from their own arrays: the reference the
     * differential test compares {@link #scan(char[], int, MatchSink)} with.
     */
    void scanReference(char[] text, int length, MatchSink sink) {
        final int[] da = this.da;
        final char[] codeOf = this.codeOf;
        final int[] rootNext = this.rootNext;
        final int[] fail = this.fail;
        final int limit = da.length / 3;
        int s = 0;
        for (int i = 0; i < length; i++) {
            int c = codeOf[text[i]];
            if (c == 0) {
                s = 0;
                continue;
            }
            while (s != 0) {
                int t = da[3 * s] + c;
                if (t < limit && da[3 * t + 1] == s + 1) {
                    break;
                }
                s = fail[s];
            }
            s = s == 0 ? rootNext[c] : da[3 * s] + c;
            int o = output[s] >= 0 ? s : dictLink[s]; // not da[3s+2], which the shallow rows re-mark
            if (o >= 0) {
                report(o, i + 1, sink);
            }
        }
    }

    private void report(int o, int end, MatchSink sink) {
        for (; o >= 0; o = dictLink[o]) {
            for (int p = output[o]; p >= 0; p = nextSame[p]) {
                sink.match(p, end);
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
