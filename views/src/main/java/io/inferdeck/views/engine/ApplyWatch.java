package io.inferdeck.views.engine;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.ProfileDiff;
import io.inferdeck.control.supervisor.EngineState;
import java.util.Optional;
import java.util.Set;

/**
 * Follows one Apply through the engine snapshots until the engine runs the applied profile and every
 * replica is Ready. The restart must be seen first (a snapshot that is not all Ready): otherwise an Apply
 * of the profile that already runs would count the old engine's Ready. FX thread only, like the snapshots.
 */
public final class ApplyWatch {
    /** Fields the engine service may fill in when it runs a profile (a builtin's default model, a free port). */
    private static final Set<String> RESOLVED_BY_SERVICE = Set.of("model", "port");

    private DeploymentProfile pending;
    private boolean sawRestart;

    /** Starts following {@code applied} (replacing any Apply still followed). */
    public void arm(DeploymentProfile applied) {
        pending = applied;
        sawRestart = false;
    }

    public boolean armed() {
        return pending != null;
    }

    /** Whether the engine runs the followed profile (as the service resolved it). */
    public boolean runsApplied(EngineSnapshot s) {
        return pending != null && s.profile() != null && sameKnobs(pending, s.profile());
    }

    /** Feeds a snapshot; returns the applied profile once it runs and is Ready after a restart, then stops following. */
    public Optional<DeploymentProfile> accept(EngineSnapshot s) {
        if (pending == null) {
            return Optional.empty();
        }
        if (!ready(s)) {
            sawRestart = true;
            return Optional.empty();
        }
        if (!sawRestart || !runsApplied(s)) {
            return Optional.empty();
        }
        DeploymentProfile done = pending;
        pending = null;
        return Optional.of(done);
    }

    /** Whether {@code running} is {@code applied} as the engine service runs it (model path resolved, port allocated). */
    public static boolean sameKnobs(DeploymentProfile applied, DeploymentProfile running) {
        return ProfileDiff.between(applied, running).stream().allMatch(c -> RESOLVED_BY_SERVICE.contains(c.field()));
    }

    public static boolean ready(EngineSnapshot s) {
        return !s.replicas().isEmpty() && s.replicas().stream().allMatch(r -> r instanceof EngineState.Ready);
    }
}
