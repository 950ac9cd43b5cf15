package io.inferdeck.safety.classifier;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Fits every head's review band on held-out examples. The whole classifier stops a prompt when any head reaches
 * its band; either one shared band bottom ({@link #sharedBand}), or bands that start above every held-out benign
 * prompt and are lowered greedily ({@link Greedy}: each step
 * takes the head whose next move stops the most not-yet-stopped harmful prompts per newly stopped benign one)
 * while the held-out benign false-positive rate stays at or below the target in every language with at least
 * {@link #MIN_BENIGN_PER_LANGUAGE} benign prompts and overall. A head's block threshold is raised to its band
 * where the band lies above it. Also computes the precision–recall points
 * per category and language that an operating-point picker needs. Stateless.
 */
public final class BandCalibration {
    static final int MIN_BENIGN_PER_LANGUAGE = 20;
    /** Thresholds of the stored curves: 0.02 … 0.98. */
    static final int CURVE_POINTS = 49;
    static final String ALL = "all";

    /** Heads with their review bands, and the JSON the training summary keeps (operating point and curves). */
    public record Result(List<LinearHead> heads, ObjectNode operatingPoint, ObjectNode curves) {
    }

    private BandCalibration() {
    }

    /**
     * @param s      the held-out examples' category scores ({@link ClassifierHead#scores}), in {@code heads} order
     * @param shared one band bottom for every head ({@link #sharedBand}) instead of the greedy per-head search
     */
    public static Result fit(List<LinearHead> heads, double[][] s, List<HeadTrainer.Example> held, double targetBenignFpr,
                             boolean shared) {
        double[] best = shared ? sharedBand(held, s, targetBenignFpr) : new Greedy(held, s, targetBenignFpr).run();
        List<LinearHead> out = new ArrayList<>();
        for (int c = 0; c < heads.size(); c++) {
            LinearHead h = heads.get(c);
            // a band above the F1 threshold lifts the block threshold with it: the FPR target binds both
            out.add(h.withBands(Math.max(h.threshold(), best[c]), java.util.OptionalDouble.of(best[c])));
        }
        return new Result(out, operatingPoint(held, s, best, targetBenignFpr), curves(heads, held, s));
    }

    /**
     * The lowest single band bottom, the same for every head, that keeps the held-out benign FPR within the target
     * (same language rule as the greedy search). One parameter instead of one per head: the per-head search fits the
     * held-out part's particular prompts and gave a higher benign rate on another author's prompts than on the
     * held-out part (docs/safety/evaluation.md).
     */
    static double[] sharedBand(List<HeadTrainer.Example> held, double[][] s, double target) {
        int heads = s.length == 0 ? 0 : s[0].length;
        double[] candidates = java.util.stream.IntStream.range(0, held.size()).filter(e -> benign(held.get(e)))
                .mapToDouble(e -> java.util.Arrays.stream(s[e]).max().orElse(0)).map(Math::nextUp).distinct().sorted().toArray();
        double band = candidates.length == 0 ? 0.5 : Math.min(1 - 1e-6, candidates[candidates.length - 1]);
        for (int i = candidates.length - 2; i >= 0; i--) {
            double[] r = new double[heads];
            java.util.Arrays.fill(r, candidates[i]);
            if (worstFpr(held, s, r) > target) {
                break;
            }
            band = candidates[i];
        }
        double[] out = new double[heads];
        java.util.Arrays.fill(out, Math.max(1e-3, band));
        return out;
    }

    static boolean stopped(double[] scores, double[] r) {
        for (int c = 0; c < r.length; c++) {
            if (scores[c] >= r[c]) {
                return true;
            }
        }
        return false;
    }

    static boolean benign(HeadTrainer.Example e) {
        return LabeledText.BENIGN.equals(e.label());
    }

    /** The highest benign FPR over languages with enough benign prompts, and over all of them. */
    static double worstFpr(List<HeadTrainer.Example> held, double[][] s, double[] r) {
        double worst = 0;
        for (String lang : languages(held)) {
            double[] f = figures(held, s, r, lang);
            if (f[3] >= MIN_BENIGN_PER_LANGUAGE || lang.equals(ALL)) {
                worst = Math.max(worst, f[1]);
            }
        }
        return worst;
    }

    static TreeSet<String> languages(List<HeadTrainer.Example> held) {
        TreeSet<String> langs = new TreeSet<>();
        held.forEach(e -> langs.add(e.lang()));
        langs.add(ALL);
        return langs;
    }

    /** [recall of harmful, benign FPR, harmful count, benign count] among {@code lang}'s held-out prompts. */
    static double[] figures(List<HeadTrainer.Example> held, double[][] s, double[] r, String lang) {
        int pos = 0, tp = 0, neg = 0, fp = 0;
        for (int e = 0; e < held.size(); e++) {
            if (!lang.equals(ALL) && !lang.equals(held.get(e).lang())) {
                continue;
            }
            boolean stop = stopped(s[e], r);
            if (benign(held.get(e))) {
                neg++;
                fp += stop ? 1 : 0;
            } else {
                pos++;
                tp += stop ? 1 : 0;
            }
        }
        return new double[] {pos == 0 ? 0 : (double) tp / pos, neg == 0 ? 0 : (double) fp / neg, pos, neg};
    }

    static ObjectNode operatingPoint(List<HeadTrainer.Example> held, double[][] s, double[] r, double target) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("targetBenignFpr", target);
        o.put("minBenignPerLanguage", MIN_BENIGN_PER_LANGUAGE);
        ObjectNode per = o.putObject("heldOutByLanguage");
        for (String lang : languages(held)) {
            double[] f = figures(held, s, r, lang);
            per.putObject(lang).put("harmful", (int) f[2]).put("benign", (int) f[3])
                    .put("recall", HeadTraining.round(f[0])).put("benignFpr", HeadTraining.round(f[1]));
        }
        return o;
    }

    /**
     * Per category and language (and "all"): at each threshold t, the precision and recall of "this head's
     * score ≥ t" for that category among that language's held-out prompts, and the benign prompts' rate ≥ t.
     */
    static ObjectNode curves(List<LinearHead> heads, List<HeadTrainer.Example> held, double[][] s) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (int c = 0; c < heads.size(); c++) {
            ObjectNode cat = out.putObject(heads.get(c).category());
            for (String lang : languages(held)) {
                ObjectNode curve = cat.putObject(lang);
                ArrayNode ts = curve.putArray("threshold");
                ArrayNode ps = curve.putArray("precision");
                ArrayNode rs = curve.putArray("recall");
                ArrayNode fs = curve.putArray("benignFpr");
                for (int k = 1; k <= CURVE_POINTS; k++) {
                    double t = k / (CURVE_POINTS + 1.0);
                    int[] n = counts(heads.get(c).category(), held, s, c, lang, t); // tp, fp, positives, benign≥t, benign
                    ts.add(HeadTraining.round(t));
                    ps.add(n[0] + n[1] == 0 ? 1.0 : HeadTraining.round((double) n[0] / (n[0] + n[1])));
                    rs.add(n[2] == 0 ? 0.0 : HeadTraining.round((double) n[0] / n[2]));
                    fs.add(n[4] == 0 ? 0.0 : HeadTraining.round((double) n[3] / n[4]));
                }
            }
        }
        return out;
    }

    private static int[] counts(String category, List<HeadTrainer.Example> held, double[][] s, int c, String lang, double t) {
        int[] n = new int[5];
        for (int e = 0; e < held.size(); e++) {
            HeadTrainer.Example ex = held.get(e);
            if (!lang.equals(ALL) && !lang.equals(ex.lang())) {
                continue;
            }
            boolean hit = s[e][c] >= t;
            boolean pos = ex.label().equals(category);
            n[0] += hit && pos ? 1 : 0;
            n[1] += hit && !pos ? 1 : 0;
            n[2] += pos ? 1 : 0;
            n[3] += hit && benign(ex) ? 1 : 0;
            n[4] += benign(ex) ? 1 : 0;
        }
        return n;
    }
}
