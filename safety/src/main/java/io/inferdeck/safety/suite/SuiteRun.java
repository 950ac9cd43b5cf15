package io.inferdeck.safety.suite;

import java.time.Instant;
import java.util.List;

/** The raw outcome of a run: every case result plus when, how long, in which mode and against what. */
public record SuiteRun(Suite suite, List<CaseResult> results, Instant startedAt, long wallNanos, String mode,
                       String engine, String model, boolean cancelled) {
    public SuiteRun {
        results = List.copyOf(results);
    }
}
