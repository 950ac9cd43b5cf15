package io.inferdeck.views.models;

import io.inferdeck.services.engine.EngineSnapshot;
import io.inferdeck.services.models.CatalogScan;

/**
 * Everything the Models page shows that arrives from other threads, as one value on its one dispatcher channel:
 * the newest scan, the newest engine snapshot (for Run's defaults and diff) and the last action's report. Parts
 * are null until they arrive.
 */
record ModelsState(CatalogScan scan, EngineSnapshot engine, Report report) {
    static final ModelsState EMPTY = new ModelsState(null, null, null);

    /** What action number {@code seq} says: a message line, and the text for the details pane (null: keep it). */
    record Report(long seq, String message, String details, boolean done) {
    }

    ModelsState withScan(CatalogScan s) {
        return new ModelsState(s, engine, report);
    }

    ModelsState withEngine(EngineSnapshot e) {
        return new ModelsState(scan, e, report);
    }

    ModelsState withReport(Report r) {
        return new ModelsState(scan, engine, r);
    }
}
