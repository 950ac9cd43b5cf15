package io.inferdeck.views.dashboard;

import java.time.Duration;

/** The time span the dashboard charts show. */
public enum ChartWindow {
    ONE_MINUTE("1 min", Duration.ofMinutes(1)),
    FIVE_MINUTES("5 min", Duration.ofMinutes(5)),
    FIFTEEN_MINUTES("15 min", Duration.ofMinutes(15)),
    ONE_HOUR("1 h", Duration.ofHours(1));

    private final String label;
    private final Duration span;

    ChartWindow(String label, Duration span) {
        this.label = label;
        this.span = span;
    }

    public Duration span() {
        return span;
    }

    @Override
    public String toString() {
        return label;
    }
}
