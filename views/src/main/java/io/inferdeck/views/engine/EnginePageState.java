package io.inferdeck.views.engine;

import io.inferdeck.services.engine.EngineSnapshot;

/**
 * Everything the Engine page shows that arrives from other threads, as one value on its one dispatcher
 * channel: the newest engine snapshot and the outcome of the last Apply. Parts are null until they arrive.
 */
record EnginePageState(EngineSnapshot engine, ProfilePickerModel.Outcome apply) {
    static final EnginePageState EMPTY = new EnginePageState(null, null);

    EnginePageState withEngine(EngineSnapshot s) {
        return new EnginePageState(s, apply);
    }

    EnginePageState withApply(ProfilePickerModel.Outcome o) {
        return new EnginePageState(engine, o);
    }
}
