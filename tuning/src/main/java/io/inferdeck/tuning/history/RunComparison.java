package io.inferdeck.tuning.history;

import java.util.List;

/**
 * Two runs side by side: every figure either has (a's order, then b's extras) with the change from a to
 * b, and the profile settings that differ (flattened JSON paths such as {@code engine.batch}).
 */
public record RunComparison(RunRecord a, RunRecord b, List<Row> figures, List<SettingDiff> settings) {

    public RunComparison {
        figures = List.copyOf(figures);
        settings = List.copyOf(settings);
    }

    /** {@code delta} = b - a and {@code ratio} = b / a; NaN where a side is missing or a is 0. */
    public record Row(String name, double a, double b, double delta, double ratio) {
    }

    /** A profile setting whose value differs; a missing side is null. */
    public record SettingDiff(String path, String a, String b) {
    }
}
