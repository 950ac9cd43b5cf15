package io.inferdeck.safety.blocklist;

import java.util.Arrays;

/**
 * Full transitions (failure links already followed) of the automaton's shallow states over its most frequent
 * codes: one row of {@link #WIDTH} entries per state, so a step from such a state is one load and no failure loop.
 * Codes are numbered by descending frequency in the patterns, so the first codes are the common letters. A row
 * entry is the next state, or {@code -1 - row} when that state has a row too; code 0 (a char in no pattern) leads
 * to the root's row 0. Only states at which no pattern ends (itself or via its failure chain) get rows, so a step
 * between rows never reports a match. Immutable once built.
 */
final class ShallowRows {
    static final int SHIFT = 5;
    static final int WIDTH = 1 << SHIFT;
    private static final int MAX_DEPTH = 3;
    private static final int MAX_ROWS = 1024;

    final int[] next;     // [row << SHIFT | code] -> state, or -1 - row
    final int[] stateOf;  // row -> state

    private ShallowRows(int[] next, int[] stateOf) {
        this.next = next;
        this.stateOf = stateOf;
    }

    /**
     * @param da three ints per state as in {@link CompactAhoCorasick} (base, check, first output state or -1)
     */
    static ShallowRows build(int[] da, int[] fail, int alphabet) {
        int slots = da.length / 3;
        int width = Math.min(WIDTH, alphabet + 1);
        int[] rowOf = new int[slots];
        Arrays.fill(rowOf, -1);
        int[] stateOf = new int[MAX_ROWS];
        int[] depth = new int[MAX_ROWS];
        int rows = 1;
        rowOf[0] = 0;
        for (int r = 0; r < rows; r++) { // breadth-first over row states
            if (depth[r] == MAX_DEPTH) {
                continue;
            }
            for (int c = 1; c < width && rows < MAX_ROWS; c++) {
                int t = child(da, slots, stateOf[r], c);
                if (t > 0 && da[3 * t + 2] < 0 && rowOf[t] < 0) {
                    rowOf[t] = rows;
                    stateOf[rows] = t;
                    depth[rows++] = depth[r] + 1;
                }
            }
        }
        int[] next = new int[rows << SHIFT];
        for (int r = 0; r < rows; r++) {
            next[r << SHIFT] = -1;
            for (int c = 1; c < WIDTH; c++) {
                int t = c < width ? step(da, slots, fail, stateOf[r], c) : 0;
                next[(r << SHIFT) + c] = rowOf[t] >= 0 ? -1 - rowOf[t] : t;
            }
        }
        return new ShallowRows(next, Arrays.copyOf(stateOf, rows));
    }

    static int child(int[] da, int slots, int s, int c) {
        int t = da[3 * s] + c;
        return t > 0 && t < slots && da[3 * t + 1] == s + 1 ? t : -1;
    }

    /** The Aho-Corasick transition: follow failure links until a state has a child on {@code c}; root if none. */
    static int step(int[] da, int slots, int[] fail, int s, int c) {
        while (true) {
            int t = child(da, slots, s, c);
            if (t > 0) {
                return t;
            }
            if (s == 0) {
                return 0;
            }
            s = fail[s];
        }
    }
}
