package io.inferdeck.control.driver;

import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.launch.ReplicaSlice;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.KvCacheChoices;
import io.inferdeck.control.profile.ProfileKnob;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What every attach-only engine shares: InferDeck never starts or stops it, so it reads no launch knob and
 * renders no command; it reads {@code baseUrl} (where the engine is) and {@code host}/{@code port} (where
 * the deployment's front door serves it). Subclasses give the id, health check, metrics and URL rules.
 */
abstract class AttachedDriver implements EngineDriver {
    /** The engine decides its KV cache; nothing to choose here. */
    private static final KvCacheChoices KV_CACHE = new KvCacheChoices(List.of(), "auto");
    private static final Set<ProfileKnob> KNOBS = Set.of(ProfileKnob.BASE_URL, ProfileKnob.HOST, ProfileKnob.PORT);

    @Override
    public final boolean launched(DeploymentProfile profile) {
        return false;
    }

    @Override
    public final boolean runsDefaultModel() {
        return false;
    }

    @Override
    public Set<ProfileKnob> knobs() {
        return KNOBS;
    }

    @Override
    public final KvCacheChoices kvCache() {
        return KV_CACHE;
    }

    @Override
    public final int tokensPerSequence(DeploymentProfile p) {
        throw notLaunched();
    }

    @Override
    public final OptionalInt threadsPerReplica(DeploymentProfile p, int cpuCount) {
        throw notLaunched();
    }

    @Override
    public final List<String> argv(DeploymentProfile p, ReplicaSlice r, LaunchContext ctx) {
        throw notLaunched();
    }

    private UnsupportedOperationException notLaunched() {
        return new UnsupportedOperationException("a " + kind().id() + " engine is attached, not launched");
    }
}
