package io.inferdeck.safety.blocklist;

/**
 * An immutable Aho-Corasick automaton over UTF-16 chars in double-array form: one int-pair per state
 * ({@code base}, {@code check}) interleaved for locality, a char→code table so only characters that
 * occur in some pattern take part, failure links, and per state the pattern ending there plus a
 * dictionary link to the next state on its failure chain that ends a pattern. Scanning is linear in
 * the text length (amortized O(1) per char). Thread-safe: nothing mutates after {@link AutomatonBuilder}.
 */
public final class CompactAhoCorasick {
    /** Shorter texts are scanned in one lane: a second lane would not pay for its set-up. */
    static final int TWO_LANES_MIN = 256;

    /** Receives each match: the pattern's index (as given to the builder) and its exclusive end. */
    @FunctionalInterface
    public interface MatchSink {
        void match(int pattern, int end);
    }

    private final char[] codeOf;      // char -> 1..K, 0 = in no pattern
    /**
     * Three ints per state, together so one cache line serves a step: [3s] = base(s), [3s+1] = check
     * (parent state + 1, 0 = free slot), [3s+2] = first state on s's failure chain (s included) at
     * which a pattern ends; else -1, or {@code -2 - row} when s has a row in {@link #rows}.
     */
    private final int[] da;
    /**
     * Per slot, the low 16 bits of its check: the first test of "is t a child of s" reads this array, 6 times
     * denser than {@link #da}, and mostly misses in cache less (Han text, where each char asks a depth-1 state for
     * a child it rarely has, scans ~20 % faster).
     */
    private final char[] checkLow;
    private final int[] rootNext;     // code -> state reached from the root, 0 = none
    private final int[] fail;         // failure state
    private final int[] output;       // pattern ending exactly here, -1 = none
    private final int[] dictLink;     // nearest failure-chain state with output, -1 = none
    private final int[] nextSame;     // next pattern index with the same string, -1 = none
    private final int[] patternLength;
    private final int states;
    private final int maxDepth;       // the longest pattern, in chars
    private final int[] rows;         // ShallowRows.next: [row << SHIFT | code] -> state, or -1 - row
    private final int[] rowState;     // ShallowRows.stateOf: row -> state

    CompactAhoCorasick(char[] codeOf, int[] da2, int[] fail, int[] output, int[] dictLink, int[] nextSame,
                       int[] patternLength, int states, int alphabet) {
        this.codeOf = codeOf;
        int slots = da2.length / 2;
        this.da = new int[slots * 3];
        this.checkLow = new char[slots];
        for (int s = 0; s < slots; s++) {
            da[3 * s] = da2[2 * s];
            da[3 * s + 1] = da2[2 * s + 1];
            da[3 * s + 2] = output[s] >= 0 ? s : dictLink[s];
            checkLow[s] = (char) da2[2 * s + 1];
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
        this.maxDepth = java.util.Arrays.stream(patternLength).max().orElse(0);
        ShallowRows shallow = ShallowRows.build(da, fail, alphabet);
        this.rows = shallow.next;
        this.rowState = shallow.stateOf;
        for (int r = 0; r < rowState.length; r++) {
            da[3 * rowState[r] + 2] = -2 - r;
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
        return 2L * (codeOf.length + checkLow.length) + 4L * (da.length + rows.length + rowState.length
                + rootNext.length + fail.length + output.length + dictLink.length + nextSame.length + patternLength.length);
    }

    /** Reports every occurrence of every pattern in {@code text}, including overlapping ones. */
    public void scan(CharSequence text, MatchSink sink) {
        // A char[] copy scans measurably faster than String.charAt's per-call coder check.
        char[] chars = text instanceof String str ? str.toCharArray() : text.toString().toCharArray();
        scan(chars, chars.length, sink);
    }

    /**
     * As {@link #scan(CharSequence, MatchSink)} over {@code text[0, length)}, in text order. A text of
     * {@value #TWO_LANES_MIN}+ chars is scanned as two lanes stepped in one loop, so that their chains of dependent
     * loads overlap: through the shallow rows each step's address comes from the step before, and one lane alone
     * waits on that load more than it works (Latin text scans ~1.8× faster in two lanes). The second lane starts
     * {@code maxDepth} chars before the first lane's end: no state is deeper than the longest pattern, so after
     * that many chars its state is the one a single scan has there. It reports only matches ending past the first
     * lane's end, buffered and handed on after the first lane's.
     */
    public void scan(char[] text, int length, MatchSink sink) {
        // arrays passed in locals, not read from fields in step(): that version scanned slower
        final int[] da = this.da;
        final char[] codeOf = this.codeOf;
        final int[] rows = this.rows;
        final int[] rowState = this.rowState;
        final int[] rootNext = this.rootNext;
        final int[] fail = this.fail;
        final char[] checkLow = this.checkLow;
        if (length < TWO_LANES_MIN || length < 8 * maxDepth) {
            int cur = -1;
            for (int i = 0; i < length; i++) {
                cur = step(cur, codeOf[text[i]], da, rows, rowState, rootNext, fail, checkLow);
                if (cur >= 0 && da[3 * cur + 2] >= 0) {
                    report(da[3 * cur + 2], i + 1, sink);
                }
            }
            return;
        }
        int mid = (length + maxDepth) / 2;   // lane 1 reads [0, mid), lane 2 [off, length): as long or one more
        int off = mid - maxDepth;
        Later later = new Later();
        int a = -1;
        int b = -1;
        for (int i = 0; i < mid; i++) {
            a = step(a, codeOf[text[i]], da, rows, rowState, rootNext, fail, checkLow);
            b = step(b, codeOf[text[off + i]], da, rows, rowState, rootNext, fail, checkLow);
            if (a >= 0 && da[3 * a + 2] >= 0) {
                report(da[3 * a + 2], i + 1, sink);
            }
            if (b >= 0 && da[3 * b + 2] >= 0 && off + i >= mid) {
                later.add(da[3 * b + 2], off + i + 1);
            }
        }
        for (int j = off + mid; j < length; j++) {
            b = step(b, codeOf[text[j]], da, rows, rowState, rootNext, fail, checkLow);
            if (b >= 0 && da[3 * b + 2] >= 0) {
                later.add(da[3 * b + 2], j + 1);
            }
        }
        for (int k = 0; k < later.size; k++) {
            sink.match((int) (later.matches[k] >>> 32), (int) later.matches[k]);
        }
    }

    /**
     * One transition from cursor {@code cur} on code {@code c}; returns the new cursor. A cursor is a state (&ge; 0)
     * or {@code -1 - row} of a shallow state with a full row, from which a frequent code costs one load and which ends
     * no pattern.
     */
    private static int step(int cur, int c, int[] da, int[] rows, int[] rowState, int[] rootNext, int[] fail,
                            char[] checkLow) {
        int s;
        if (cur < 0) {
            if (c < ShallowRows.WIDTH) {
                return rows[(~cur << ShallowRows.SHIFT) + c];
            }
            s = rowState[~cur];
        } else if (c == 0) {
            return -1;
        } else {
            s = cur;
        }
        while (s != 0) {
            int t = da[3 * s] + c;
            if (t < checkLow.length && checkLow[t] == (char) (s + 1) && da[3 * t + 1] == s + 1) {
                break;
            }
            s = fail[s];
        }
        s = s == 0 ? rootNext[c] : da[3 * s] + c;
        int o = da[3 * s + 2];
        return o < -1 ? o + 1 : s;
    }

    /** The second lane's matches, (pattern, end) packed in a long, in text order. */
    private final class Later {
        long[] matches = new long[16];
        int size;

        void add(int o, int end) {
            for (; o >= 0; o = dictLink[o]) {
                for (int p = output[o]; p >= 0; p = nextSame[p]) {
                    if (size == matches.length) {
                        matches = java.util.Arrays.copyOf(matches, size * 2);
                    }
                    matches[size++] = (long) p << 32 | end;
                }
            }
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
