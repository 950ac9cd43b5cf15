package io.inferdeck.views.engine;

import io.inferdeck.control.profile.DeploymentProfile;

/**
 * Commands the Engine view (and the Tuning view's Apply) may issue. Implementations return at once and
 * do the work on their own threads (process start/stop never runs on the FX thread); the outcome
 * arrives as new snapshots.
 */
public interface EngineControl {
    void start();

    void stop();

    void restart();

    /**
     * Stops whatever runs and starts {@code profile} in its place (a valid profile: callers validate
     * first). A builtin profile without a model runs the embedded default model.
     */
    void apply(DeploymentProfile profile);

    /** Re-reads the saved profiles; the list arrives with the next snapshot. */
    void refreshProfiles();
}
