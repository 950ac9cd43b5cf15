package io.inferdeck.services.safety;

import io.inferdeck.control.endpoint.EngineEndpoint;
import io.inferdeck.safety.suite.Suite;
import java.util.Objects;
import java.util.Optional;

/**
 * One suite run: filter-only, or end-to-end (input filter, engine, output filter) when {@code engine} is
 * present. {@code profile} and {@code quant} only label the run's fingerprint ("none" when unknown).
 */
public record SuiteRunRequest(Suite suite, Optional<EngineEndpoint> engine, String profile, String quant) {
    public static final String NONE = "none";

    public SuiteRunRequest {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(engine, "engine");
        profile = profile == null ? NONE : profile;
        quant = quant == null ? NONE : quant;
    }

    public static SuiteRunRequest of(Suite suite, Optional<EngineEndpoint> engine) {
        return new SuiteRunRequest(suite, engine, NONE, NONE);
    }
}
