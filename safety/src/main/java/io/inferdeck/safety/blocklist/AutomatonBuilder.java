package io.inferdeck.safety.blocklist;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a {@link CompactAhoCorasick}: patterns are sorted, the trie is laid into a double array
 * breadth-first straight from sorted ranges (no pointer trie is ever built), then failure and
 * dictionary links are filled in the same breadth-first order. Single-use, not thread-safe.
 */
final class AutomatonBuilder {
    private final List<String> patterns;
    private char[] codeOf;
    private int alphabet;
    private int[][] coded;
    private int[] da = new int[1 << 12];
    private int size = 1;           // highest used state + 1
    private int nextCheckPos = 1;
    private int[] output;
    private int[] nextSame;
    private int[] order = new int[1 << 10]; // states in breadth-first order
    private int orderLen;

    AutomatonBuilder(List<String> patterns) {
        this.patterns = patterns;
    }

    CompactAhoCorasick build() {
        assignCodes();
        Integer[] idx = new Integer[coded.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Arrays.compare(coded[a], coded[b]));
        int[] sorted = Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
        int[] lengths = new int[coded.length];
        for (int i = 0; i < coded.length; i++) {
            lengths[i] = coded[i].length;
        }
        nextSame = new int[coded.length];
        Arrays.fill(nextSame, -1);
        layOut(sorted);
        int[] fail = new int[size];
        int[] dict = new int[size];
        FailureLinks.compute(da, size, order, orderLen, output, fail, dict);
        return new CompactAhoCorasick(codeOf, Arrays.copyOf(da, size * 2), fail, Arrays.copyOf(output, size),
                dict, nextSame, lengths, orderLen, alphabet);
    }

    /** Codes 1..K by descending frequency, so frequent characters get small, dense codes. */
    private void assignCodes() {
        int[] freq = new int[65536];
        for (String p : patterns) {
            for (int i = 0; i < p.length(); i++) {
                freq[p.charAt(i)]++;
            }
        }
        Integer[] chars = java.util.stream.IntStream.range(0, 65536).filter(c -> freq[c] > 0).boxed()
                .sorted((a, b) -> freq[b] - freq[a]).toArray(Integer[]::new);
        codeOf = new char[65536];
        alphabet = chars.length;
        for (int k = 0; k < chars.length; k++) {
            codeOf[chars[k]] = (char) (k + 1);
        }
        coded = new int[patterns.size()][];
        for (int i = 0; i < coded.length; i++) {
            String p = patterns.get(i);
            if (p.isEmpty()) {
                throw new IllegalArgumentException("empty pattern at index " + i);
            }
            coded[i] = p.chars().map(c -> codeOf[c]).toArray();
        }
    }

    /** Breadth-first over (state, depth, [lo, hi) of sorted patterns sharing the state's prefix). */
    private void layOut(int[] sorted) {
        output = new int[da.length / 2];
        Arrays.fill(output, -1);
        ArrayDeque<int[]> queue = new ArrayDeque<>();
        queue.add(new int[] {0, 0, 0, sorted.length});
        int[] childCodes = new int[64];
        int[] childLo = new int[65];
        while (!queue.isEmpty()) {
            int[] node = queue.poll();
            int state = node[0], depth = node[1], lo = node[2], hi = node[3];
            addOrder(state);
            while (lo < hi && coded[sorted[lo]].length == depth) { // patterns ending here sort first
                int p = sorted[lo++];
                nextSame[p] = output[state];
                output[state] = p;
            }
            int k = 0;
            for (int i = lo; i < hi; i++) {
                int c = coded[sorted[i]][depth];
                if (k == 0 || childCodes[k - 1] != c) {
                    if (k == childCodes.length) {
                        childCodes = Arrays.copyOf(childCodes, k * 2);
                        childLo = Arrays.copyOf(childLo, k * 2 + 1);
                    }
                    childCodes[k] = c;
                    childLo[k++] = i;
                }
            }
            if (k == 0) {
                continue;
            }
            childLo[k] = hi;
            int base = findBase(childCodes, k);
            da[state << 1] = base;
            for (int j = 0; j < k; j++) {
                int t = base + childCodes[j];
                da[(t << 1) + 1] = state + 1;
                size = Math.max(size, t + 1);
                queue.add(new int[] {t, depth + 1, childLo[j], childLo[j + 1]});
            }
        }
    }

    private int findBase(int[] codes, int k) {
        int first = codes[0];
        int pos = Math.max(first + 1, nextCheckPos);
        int occupied = 0;
        boolean firstFree = true;
        while (true) {
            ensure(pos + codes[k - 1] - first + 1);
            if (da[(pos << 1) + 1] != 0) {
                occupied++;
                pos++;
                continue;
            }
            if (firstFree) {
                firstFree = false;
                // Skip the packed region next time once it is (almost) full.
                if ((double) occupied / (pos - nextCheckPos + 1) >= 0.95) {
                    nextCheckPos = pos;
                }
            }
            int base = pos - first;
            boolean ok = true;
            for (int j = 1; j < k && ok; j++) {
                ok = da[((base + codes[j]) << 1) + 1] == 0;
            }
            if (ok) {
                return base;
            }
            pos++;
        }
    }

    private void ensure(int states) {
        if (states * 2 > da.length) {
            int n = Math.max(states * 2, da.length + (da.length >> 1));
            da = Arrays.copyOf(da, n);
            int old = output.length;
            output = Arrays.copyOf(output, n / 2);
            Arrays.fill(output, old, output.length, -1);
        }
    }

    private void addOrder(int state) {
        if (orderLen == order.length) {
            order = Arrays.copyOf(order, orderLen * 2);
        }
        order[orderLen++] = state;
    }
}
