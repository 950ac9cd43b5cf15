package io.inferdeck.safety.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The precision–recall trade-off of every category head on the calibration (held-out) part of its training
 * data, per language (and {@code all}), as {@code safety train} stored it under {@code training.curves}: at each
 * threshold t, the precision and recall of "this head's score ≥ t" for its category and the benign prompts'
 * rate ≥ t. What an operator picks a threshold from; never computed from the dev split. Immutable.
 */
public record ThresholdCurves(Map<String, Map<String, List<Point>>> byCategory) {

    /** One threshold's figures (fractions in [0, 1]). */
    public record Point(double threshold, double precision, double recall, double benignFpr) {
    }

    public ThresholdCurves {
        Map<String, Map<String, List<Point>>> copy = new LinkedHashMap<>();
        byCategory.forEach((c, langs) -> {
            Map<String, List<Point>> l = new LinkedHashMap<>();
            langs.forEach((lang, points) -> l.put(lang, List.copyOf(points)));
            copy.put(c, java.util.Collections.unmodifiableMap(l));
        });
        byCategory = java.util.Collections.unmodifiableMap(copy);
    }

    /** The curves a head carries (empty for a head trained before curves were stored), in head order. */
    public static ThresholdCurves of(ClassifierHead head) {
        JsonNode curves = head.training() == null ? null : head.training().path("curves");
        Map<String, Map<String, List<Point>>> out = new LinkedHashMap<>();
        for (String category : head.categories()) {
            JsonNode cat = curves == null ? null : curves.get(category);
            if (cat == null) {
                continue;
            }
            Map<String, List<Point>> langs = new LinkedHashMap<>();
            cat.properties().forEach(e -> langs.put(e.getKey(), points(e.getValue())));
            out.put(category, langs);
        }
        return new ThresholdCurves(out);
    }

    private static List<Point> points(JsonNode c) {
        List<Point> out = new ArrayList<>();
        JsonNode t = c.path("threshold");
        for (int i = 0; i < t.size(); i++) {
            out.add(new Point(t.get(i).asDouble(), c.path("precision").path(i).asDouble(),
                    c.path("recall").path(i).asDouble(), c.path("benignFpr").path(i).asDouble()));
        }
        return out;
    }

    public List<String> categories() {
        return List.copyOf(byCategory.keySet());
    }

    /** The languages with a curve for {@code category} ({@code all} included), in stored order. */
    public List<String> languages(String category) {
        return List.copyOf(byCategory.getOrDefault(category, Map.of()).keySet());
    }

    public List<Point> curve(String category, String lang) {
        return byCategory.getOrDefault(category, Map.of()).getOrDefault(lang, List.of());
    }

    /** The stored point nearest {@code threshold} (ties: the lower threshold); empty without a curve. */
    public Optional<Point> at(String category, String lang, double threshold) {
        Point best = null;
        for (Point p : curve(category, lang)) {
            if (best == null || Math.abs(p.threshold() - threshold) < Math.abs(best.threshold() - threshold) - 1e-12) {
                best = p;
            }
        }
        return Optional.ofNullable(best);
    }
}
