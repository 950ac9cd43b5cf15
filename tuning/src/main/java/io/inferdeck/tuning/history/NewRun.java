package io.inferdeck.tuning.history;

import java.util.Objects;

/**
 * What is known when a run starts. {@code profileJson} is the deployment profile snapshot (any JSON the
 * caller serialises: a DeploymentProfile, or the bench plan for a bare URL); the other texts are free-form.
 *
 * @param kind "bench", "sweep", "quant-report", ...
 */
public record NewRun(String kind, String label, String profileJson, String engineVersion, String hardware) {
    public NewRun {
        Objects.requireNonNull(kind, "kind");
        if (kind.isBlank()) {
            throw new IllegalArgumentException("a run needs a kind");
        }
    }
}
