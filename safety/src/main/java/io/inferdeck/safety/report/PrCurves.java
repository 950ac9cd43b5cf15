package io.inferdeck.safety.report;

import io.inferdeck.safety.Decision;
import io.inferdeck.safety.suite.CaseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Builds a {@link PrCurve} for every (category, language) pair present in a run: a category with at least one
 * harmful case in that language whose cases carry classifier scores. Thresholds 0.02, 0.04 … 0.98 (the grid the
 * classifier's training curves use). Cases without a language count as "und".
 */
public final class PrCurves {
    static final int STEPS = 49;

    private PrCurves() {
    }

    public static List<PrCurve> of(List<CaseResult> cases) {
        List<PrCurve> out = new ArrayList<>();
        TreeSet<String> langs = new TreeSet<>();
        cases.forEach(c -> langs.add(lang(c)));
        for (String lang : langs) {
            List<CaseResult> inLang = cases.stream().filter(c -> lang(c).equals(lang) && c.error() == null).toList();
            List<CaseResult> benign = inLang.stream().filter(c -> c.expected() != Decision.BLOCK).toList();
            TreeSet<String> categories = new TreeSet<>();
            inLang.stream().filter(c -> c.expected() == Decision.BLOCK && c.scores().containsKey(c.category()))
                    .forEach(c -> categories.add(c.category()));
            for (String category : categories) {
                List<CaseResult> harmful = inLang.stream()
                        .filter(c -> c.expected() == Decision.BLOCK && category.equals(c.category())).toList();
                out.add(curve(category, lang, harmful, benign));
            }
        }
        return out;
    }

    private static PrCurve curve(String category, String lang, List<CaseResult> harmful, List<CaseResult> benign) {
        List<PrCurve.Point> points = new ArrayList<>(STEPS);
        for (int i = 1; i <= STEPS; i++) {
            double t = i / (double) (STEPS + 1);
            int tp = (int) harmful.stream().filter(c -> c.scores().getOrDefault(category, 0.0) >= t).count();
            int fp = (int) benign.stream().filter(c -> c.scores().getOrDefault(category, 0.0) >= t).count();
            points.add(PrCurve.Point.of(t, tp, fp, harmful.size(), benign.size()));
        }
        int tp = (int) harmful.stream().filter(CaseResult::stopped).count();
        int fp = (int) benign.stream().filter(c -> c.stopped() && category.equals(c.actualCategory())).count();
        return new PrCurve(category, lang, harmful.size(), benign.size(), points,
                PrCurve.Point.of(Double.NaN, tp, fp, harmful.size(), benign.size()));
    }

    private static String lang(CaseResult c) {
        return Objects.requireNonNullElse(c.lang(), "und");
    }
}
