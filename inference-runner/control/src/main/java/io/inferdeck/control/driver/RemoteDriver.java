package io.inferdeck.control.driver;

import static io.inferdeck.control.profile.ProfileIssue.error;

import io.inferdeck.control.launch.HealthCheck;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.launch.ReplicaSlice;
import io.inferdeck.control.metrics.MetricsDialect;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.profile.KvCacheChoices;
import io.inferdeck.control.profile.ProfileIssue;
import io.inferdeck.control.profile.ProfileKnob;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * An engine already running elsewhere, reached at {@code baseUrl}: attached, never started or stopped,
 * so it reads no launch knob and renders no command. It has no metric names of its own: its /metrics
 * page is recognised by whichever engine's prefix it carries.
 */
public final class RemoteDriver implements EngineDriver {
    /** The remote engine decides its KV cache; nothing to choose here. */
    private static final KvCacheChoices KV_CACHE = new KvCacheChoices(List.of(), "auto");

    @Override
    public EngineKind kind() {
        return EngineKind.REMOTE;
    }

    @Override
    public boolean launched() {
        return false;
    }

    @Override
    public boolean runsDefaultModel() {
        return false;
    }

    @Override
    public Set<ProfileKnob> knobs() {
        return Set.of(ProfileKnob.BASE_URL);
    }

    @Override
    public KvCacheChoices kvCache() {
        return KV_CACHE;
    }

    @Override
    public void validate(DeploymentProfile p, List<ProfileIssue> out) {
        if (p.baseUrl() == null || p.baseUrl().isBlank()) {
            out.add(error("baseUrl", "required for a remote engine (e.g. http://gpu-box:8000)"));
            return;
        }
        try {
            URI uri = new URI(p.baseUrl());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                out.add(error("baseUrl", "must be an http:// or https:// URL with a host"));
            }
        } catch (URISyntaxException e) {
            out.add(error("baseUrl", "not a URL: " + e.getMessage()));
        }
    }

    @Override
    public int tokensPerSequence(DeploymentProfile p) {
        throw notLaunched();
    }

    @Override
    public OptionalInt threadsPerReplica(DeploymentProfile p, int cpuCount) {
        throw notLaunched();
    }

    @Override
    public List<String> argv(DeploymentProfile p, ReplicaSlice r, LaunchContext ctx) {
        throw notLaunched();
    }

    @Override
    public HealthCheck health() {
        throw notLaunched();
    }

    @Override
    public Optional<MetricsDialect> metrics() {
        return Optional.empty();
    }

    private static UnsupportedOperationException notLaunched() {
        return new UnsupportedOperationException("a remote engine is attached, not launched");
    }
}
