package io.inferdeck.control.metrics;

import java.util.Locale;

/**
 * Who measured one figure of an {@link EngineMetrics}: the engine itself (its own /metrics families) or the
 * InferDeck gateway in front of it (which measures every request, whatever the engine exports). The engine's
 * figure wins whenever the engine exports it; the gateway fills in the rest.
 */
public enum FigureSource {
    ENGINE, GATEWAY;

    /** Lower-case name used in JSON and on screen ({@code engine}, {@code gateway}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
