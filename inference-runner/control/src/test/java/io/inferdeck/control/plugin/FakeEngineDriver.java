package io.inferdeck.control.plugin;

import static io.inferdeck.control.profile.ProfileIssue.error;

import io.inferdeck.control.driver.EngineDriver;
import io.inferdeck.control.launch.HealthCheck;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.launch.LaunchException;
import io.inferdeck.control.launch.ReplicaSlice;
import io.inferdeck.control.metrics.EngineFlavor;
import io.inferdeck.control.metrics.MetricMapping;
import io.inferdeck.control.metrics.MetricMapping.Counter;
import io.inferdeck.control.metrics.MetricMapping.Level;
import io.inferdeck.control.metrics.MetricsDialect;
import io.inferdeck.control.metrics.Selector;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.profile.KvCacheChoices;
import io.inferdeck.control.profile.ProfileIssue;
import io.inferdeck.control.profile.ProfileKnob;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * An invented engine, "fakeserve", written the way a new engine would be: in its own package, against
 * the public driver API only, with no change to any production class. Its facts are made up for the
 * test: a {@code fakeserve} binary, context in pages of 256 tokens, readiness on {@code /ready},
 * metrics named {@code fake_*}.
 */
public final class FakeEngineDriver implements EngineDriver {
    public static final EngineKind KIND = new EngineKind("fakeserve");
    static final int PAGE = 256;

    private static final MetricsDialect METRICS = new MetricsDialect(new EngineFlavor("fakeserve"), "fake_",
            new MetricMapping(Map.of(Counter.COMPLETED, Selector.sum("fake_requests_done_total"),
                    Counter.GENERATED_TOKENS, Selector.sum("fake_tokens_out_total")),
                    Map.of(), Map.of(Level.RUNNING, Selector.sum("fake_active"))));

    @Override
    public EngineKind kind() {
        return KIND;
    }

    @Override
    public boolean launched(DeploymentProfile profile) {
        return true;
    }

    @Override
    public boolean runsDefaultModel() {
        return false;
    }

    @Override
    public Set<ProfileKnob> knobs() {
        return EnumSet.of(ProfileKnob.MODEL, ProfileKnob.CTX, ProfileKnob.PARALLEL, ProfileKnob.CACHE_TYPE_K,
                ProfileKnob.GPUS, ProfileKnob.REPLICAS, ProfileKnob.HOST, ProfileKnob.PORT, ProfileKnob.BINARY);
    }

    @Override
    public KvCacheChoices kvCache() {
        return new KvCacheChoices(List.of("fp16", "int8"), "fp16");
    }

    @Override
    public void validate(DeploymentProfile p, List<ProfileIssue> out) {
        if (p.ctx() % PAGE != 0) {
            out.add(error("ctx", "must be a multiple of " + PAGE + " (fakeserve allocates whole pages)"));
        }
    }

    @Override
    public int tokensPerSequence(DeploymentProfile p) {
        return p.ctx();
    }

    @Override
    public OptionalInt threadsPerReplica(DeploymentProfile p, int cpuCount) {
        return OptionalInt.empty();
    }

    @Override
    public List<String> argv(DeploymentProfile p, ReplicaSlice r, LaunchContext ctx) throws LaunchException {
        List<String> a = new ArrayList<>();
        a.add(ctx.binaries().resolve(p.binary(), "fakeserve").toString());
        a.addAll(List.of("--model", p.model(), "--context", Integer.toString(p.ctx()),
                "--slots", Integer.toString(p.parallel()), "--kv", kvCache().effective(p.cacheTypeK()),
                "--listen", r.host() + ":" + r.port()));
        return a;
    }

    @Override
    public HealthCheck health() {
        return HealthCheck.ok("/ready");
    }

    @Override
    public Optional<MetricsDialect> metrics() {
        return Optional.of(METRICS);
    }
}
