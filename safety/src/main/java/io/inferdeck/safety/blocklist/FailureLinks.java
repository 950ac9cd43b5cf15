package io.inferdeck.safety.blocklist;

/** Aho-Corasick failure and dictionary links over a double array, filled in breadth-first order. */
final class FailureLinks {
    private FailureLinks() {
    }

    /**
     * @param order states breadth-first (root first), so a parent's links are known before its children's
     */
    static void compute(int[] da, int size, int[] order, int orderLen, int[] output, int[] fail, int[] dict) {
        java.util.Arrays.fill(dict, -1);
        for (int i = 1; i < orderLen; i++) {
            int t = order[i];
            int parent = da[(t << 1) + 1] - 1;
            int c = t - da[parent << 1];
            int f;
            if (parent == 0) {
                f = 0;
            } else {
                f = fail[parent];
                while (true) {
                    int u = da[f << 1] + c;
                    if (u < size && da[(u << 1) + 1] == f + 1) {
                        f = u;
                        break;
                    }
                    if (f == 0) {
                        break;
                    }
                    f = fail[f];
                }
            }
            fail[t] = f;
            dict[t] = output[f] >= 0 ? f : dict[f];
        }
    }
}
