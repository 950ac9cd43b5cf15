package io.inferdeck.safety.classifier;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The greedy band search of {@link BandCalibration}. Per head, a move lowers its band to the j-th next lower
 * held-out benign score (j ≤ {@link #LOOKAHEAD}, so a plateau without gains can be crossed); the move with the
 * best ratio of newly stopped harmful to newly stopped benign prompts is taken, provided every constrained
 * language stays within the target. A head whose next benign would break the target is done (lower bands only
 * add false positives). Single-use, not thread-safe.
 */
final class Greedy {
    static final int LOOKAHEAD = 5;

    private final List<HeadTrainer.Example> held;
    private final double[][] s;
    private final double target;
    private final int heads;
    private final int[] stops;
    private final double[][] benignDesc; // per head, held-out benign scores, highest first
    private final int[] next;            // per head, index into benignDesc of the next benign not yet inside the band
    private final Map<String, int[]> perLang = new HashMap<>(); // lang → [false positives, benign]

    Greedy(List<HeadTrainer.Example> held, double[][] s, double target) {
        this.held = held;
        this.s = s;
        this.target = target;
        this.heads = s.length == 0 ? 0 : s[0].length;
        this.stops = new int[held.size()];
        this.benignDesc = new double[heads][];
        this.next = new int[heads];
        for (int c = 0; c < heads; c++) {
            int col = c;
            double[] b = java.util.stream.IntStream.range(0, held.size()).filter(e -> BandCalibration.benign(held.get(e)))
                    .mapToDouble(e -> s[e][col]).sorted().toArray();
            for (int i = 0; i < b.length / 2; i++) {
                double t = b[i];
                b[i] = b[b.length - 1 - i];
                b[b.length - 1 - i] = t;
            }
            benignDesc[c] = b;
        }
        for (HeadTrainer.Example e : held) {
            if (BandCalibration.benign(e)) {
                perLang.computeIfAbsent(e.lang(), k -> new int[2])[1]++;
                perLang.computeIfAbsent(BandCalibration.ALL, k -> new int[2])[1]++;
            }
        }
    }

    double[] run() {
        double[] r = new double[heads];
        for (int c = 0; c < heads; c++) {
            r[c] = benignDesc[c].length == 0 ? 0.5 : Math.min(1 - 1e-6, Math.nextUp(benignDesc[c][0]));
        }
        for (int e = 0; e < held.size(); e++) {
            for (int c = 0; c < heads; c++) {
                stops[e] += s[e][c] >= r[c] ? 1 : 0;
            }
        }
        boolean[] done = new boolean[heads];
        while (true) {
            int bestC = -1;
            double bestR = 0;
            double bestRatio = -1;
            for (int c = 0; c < heads; c++) {
                for (int j = 0; !done[c] && j < LOOKAHEAD && next[c] + j < benignDesc[c].length; j++) {
                    double to = benignDesc[c][next[c] + j];
                    int[] gc = gainCost(c, r[c], to);
                    if (!feasible(c, r[c], to)) {
                        done[c] |= j == 0;
                        break;
                    }
                    double ratio = (gc[0] + 1e-3) / (gc[1] + 1e-3); // free gains first, then harmful per benign
                    if (ratio > bestRatio) {
                        bestRatio = ratio;
                        bestC = c;
                        bestR = to;
                    }
                }
            }
            if (bestC < 0) {
                return r;
            }
            apply(bestC, r[bestC], bestR);
            r[bestC] = bestR;
            while (next[bestC] < benignDesc[bestC].length && benignDesc[bestC][next[bestC]] >= bestR) {
                next[bestC]++;
            }
        }
    }

    /** [harmful, benign] prompts not yet stopped that lowering head c's band from {@code from} to {@code to} stops. */
    private int[] gainCost(int c, double from, double to) {
        int[] gc = new int[2];
        for (int e = 0; e < held.size(); e++) {
            if (stops[e] == 0 && s[e][c] >= to && s[e][c] < from) {
                gc[BandCalibration.benign(held.get(e)) ? 1 : 0]++;
            }
        }
        return gc;
    }

    private boolean feasible(int c, double from, double to) {
        Map<String, Integer> extra = new HashMap<>();
        for (int e = 0; e < held.size(); e++) {
            if (stops[e] == 0 && s[e][c] >= to && s[e][c] < from && BandCalibration.benign(held.get(e))) {
                extra.merge(held.get(e).lang(), 1, Integer::sum);
                extra.merge(BandCalibration.ALL, 1, Integer::sum);
            }
        }
        for (Map.Entry<String, Integer> x : extra.entrySet()) {
            int[] fb = perLang.get(x.getKey());
            boolean constrained = fb[1] >= BandCalibration.MIN_BENIGN_PER_LANGUAGE || x.getKey().equals(BandCalibration.ALL);
            if (constrained && (double) (fb[0] + x.getValue()) / fb[1] > target) {
                return false;
            }
        }
        return true;
    }

    private void apply(int c, double from, double to) {
        for (int e = 0; e < held.size(); e++) {
            if (s[e][c] >= to && s[e][c] < from) {
                if (stops[e]++ == 0 && BandCalibration.benign(held.get(e))) {
                    perLang.get(held.get(e).lang())[0]++;
                    perLang.get(BandCalibration.ALL)[0]++;
                }
            }
        }
    }
}
