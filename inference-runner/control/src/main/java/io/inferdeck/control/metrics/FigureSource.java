package io.inferdeck.control.metrics;

import java.util.Locale;

/**
 * Who measured one figure of an {@link EngineMetrics}: the engine itself (its own /metrics families) or the
 * InferDeck gateway in front of it (which measures every request, whatever the engine exports). The engine's
 * figure wins whenever the engine exports it; the gateway fills in the rest. The words for it ({@link #id},
 * {@link #note}) are the ones every surface prints: the Dashboard's tiles, {@code metrics} tables and JSON.
 */
public enum FigureSource {
    ENGINE("from engine"), GATEWAY("via gateway");

    private final String note;

    FigureSource(String note) {
        this.note = note;
    }

    /** Lower-case name used in JSON and on screen ({@code engine}, {@code gateway}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How a figure's source reads next to it: {@code "from engine"} or {@code "via gateway"}. */
    public String note() {
        return note;
    }
}
