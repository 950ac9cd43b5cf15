package io.inferdeck.tuning.history;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One stored run. {@code figures} is the flat name → value map (NaN = not available) in the order the
 * run reported it; {@code resultJson} the full result document, loaded only by {@link RunHistory#get}.
 */
public record RunRecord(long id, String kind, String label, RunStatus status, Instant startedAt,
                        Optional<Instant> finishedAt, String profileJson, String engineVersion, String hardware,
                        Map<String, Double> figures, Optional<String> resultJson, String note) {

    public RunRecord {
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }
}
