package io.inferdeck.views.dashboard;

import java.util.Locale;

/** How a figure stands against its objective; the view maps each to a CSS pseudo-class of the same name. */
public enum SloLevel {
    /** No objective applies, or the figure is n/a. */
    NEUTRAL,
    OK,
    WARN,
    BREACH;

    /** Amber starts at this fraction of the objective. */
    static final double WARN_FRACTION = 0.8;

    /** Lower is better: at most 80 % of the limit is OK, up to the limit WARN, above it BREACH. */
    static SloLevel against(double value, double limit) {
        if (Double.isNaN(value) || !(limit > 0)) {
            return NEUTRAL;
        }
        if (value > limit) {
            return BREACH;
        }
        return value > limit * WARN_FRACTION ? WARN : OK;
    }

    public String pseudoClass() {
        return "slo-" + name().toLowerCase(Locale.ROOT);
    }
}
