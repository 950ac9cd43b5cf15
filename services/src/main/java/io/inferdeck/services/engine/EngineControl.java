package io.inferdeck.services.engine;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.ProfileRules;
import java.util.concurrent.CompletionStage;

/**
 * Commands on the console's engine, as the Engine and Tuning pages issue them. Every method returns at
 * once; the work runs on the service's threads, and a returned stage completes on one of them (callers
 * hand the result to their own thread). A stage that fails carries an {@link ApplyFailure} whose message
 * is the reason for the operator. State, log and the profile list arrive as {@link EngineSnapshot}s on
 * {@link EngineService#SNAPSHOTS}, never through these stages.
 */
public interface EngineControl {

    /** Starts the engine (what ran last, else the embedded default); completes once every replica is Ready. */
    CompletionStage<Applied> start();

    /** Stops every replica; completes once the processes have exited. */
    CompletionStage<Void> stop();

    /** Stops and starts what runs; completes once every replica is Ready again. */
    CompletionStage<Applied> restart();

    /**
     * Stops whatever runs and starts {@code profile} in its place. A builtin profile without a model runs the
     * embedded default model (written on first use). Completes with the profile as the engine runs it once
     * every replica of the new deployment is Ready; fails when the profile has validation errors, the launch
     * fails, a replica crashes or stops before it is Ready, or a later command supersedes this one.
     */
    CompletionStage<Applied> apply(DeploymentProfile profile);

    /**
     * What {@link #apply} checks a profile against (engine drivers, the live-safety stage ids this console knows),
     * so an editor shows the same errors before Apply. Default: the driver registry, stage ids unknown.
     */
    default ProfileRules profileRules() {
        return ProfileRules.defaults();
    }

    /** Re-reads the saved profiles; the list arrives with the next snapshot. */
    void refreshProfiles();
}
