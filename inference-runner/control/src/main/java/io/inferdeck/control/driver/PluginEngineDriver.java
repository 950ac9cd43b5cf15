package io.inferdeck.control.driver;

import io.inferdeck.control.launch.HealthCheck;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.launch.LaunchException;
import io.inferdeck.control.launch.ReplicaSlice;
import io.inferdeck.control.metrics.MetricsDialect;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.profile.KvCacheChoices;
import io.inferdeck.control.profile.ProfileIssue;
import io.inferdeck.control.profile.ProfileKnob;
import io.inferdeck.plugin.api.engine.EngineDriverPlugin;
import io.inferdeck.plugin.api.engine.Replica;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An engine plugin ({@link EngineDriverPlugin}, the stable API) as one of InferDeck's {@link EngineDriver}s, so
 * the registry, validator, planner, supervisor and gateway treat it like a built-in engine. The plugin sees
 * the profile as an {@link EngineProfiles API view}; what the v1 API has no word for is fixed here: the engine
 * picks its own KV cache, a sequence holds {@code ctx} tokens, it has no metric names of its own (its
 * /metrics page, if any, is recognised by a known prefix, as for {@code remote}).
 *
 * <p>Every call into the plugin is guarded: an exception or linkage error it raises comes back as a
 * {@link PluginFailure} (a {@link LaunchException} when rendering, a profile error when validating) whose
 * message names the plugin. Thread-safe when the plugin is, as its contract demands.
 */
public final class PluginEngineDriver implements EngineDriver {
    private static final KvCacheChoices KV_CACHE = new KvCacheChoices(List.of(), "auto");
    /** What a v1 plugin can read, launched or attached (the API's {@code EngineProfile} fields). */
    private static final Set<ProfileKnob> KNOBS = Set.of(ProfileKnob.MODEL, ProfileKnob.THREADS, ProfileKnob.CTX,
            ProfileKnob.PARALLEL, ProfileKnob.GPUS, ProfileKnob.REPLICAS, ProfileKnob.HOST, ProfileKnob.PORT,
            ProfileKnob.EXTRA_ARGS, ProfileKnob.BINARY, ProfileKnob.BASE_URL);

    private final EngineDriverPlugin plugin;
    private final EngineKind kind;
    private final String label;

    /**
     * @param label names the plugin in errors, e.g. "plugin toy-engine 1.0"
     * @throws IllegalArgumentException when the plugin's id is not a valid engine id
     */
    public PluginEngineDriver(EngineDriverPlugin plugin, String label) {
        this.plugin = plugin;
        this.label = label;
        this.kind = new EngineKind(guard(plugin::id));
    }

    /** Raised for a plugin that threw; the message says which plugin and what it threw. */
    public static final class PluginFailure extends RuntimeException {
        PluginFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public EngineKind kind() {
        return kind;
    }

    @Override
    public boolean launched(DeploymentProfile profile) {
        return guard(() -> plugin.launched(EngineProfiles.view(profile)));
    }

    @Override
    public URI attachedUrl(DeploymentProfile profile) {
        return guard(() -> plugin.attachedUrl(EngineProfiles.view(profile)));
    }

    @Override
    public boolean runsDefaultModel() {
        return false;
    }

    @Override
    public Set<ProfileKnob> knobs() {
        return KNOBS;
    }

    @Override
    public KvCacheChoices kvCache() {
        return KV_CACHE;
    }

    @Override
    public void validate(DeploymentProfile profile, List<ProfileIssue> out) {
        try {
            guard(() -> plugin.validate(EngineProfiles.view(profile)))
                    .forEach(p -> out.add(ProfileIssue.error(p.field(), p.message())));
        } catch (PluginFailure e) {
            out.add(ProfileIssue.error("engine", e.getMessage()));
        }
    }

    @Override
    public int tokensPerSequence(DeploymentProfile profile) {
        return profile.ctx();
    }

    @Override
    public OptionalInt threadsPerReplica(DeploymentProfile profile, int cpuCount) {
        return profile.threads() == null ? OptionalInt.empty() : OptionalInt.of(profile.threads());
    }

    @Override
    public List<String> argv(DeploymentProfile profile, ReplicaSlice replica, LaunchContext ctx) throws LaunchException {
        try {
            String command = guard(plugin::command);
            List<String> argv = new ArrayList<>();
            argv.add(ctx.binaries().resolve(profile.binary(), command).toString());
            argv.addAll(guard(() -> plugin.arguments(EngineProfiles.view(profile), replica(replica))));
            return List.copyOf(argv);
        } catch (PluginFailure e) {
            throw new LaunchException(e.getMessage());
        }
    }

    @Override
    public Map<String, String> environment(DeploymentProfile profile, ReplicaSlice replica) {
        return Map.copyOf(guard(() -> plugin.environment(EngineProfiles.view(profile), replica(replica))));
    }

    @Override
    public HealthCheck health() {
        return HealthCheck.ok(guard(plugin::healthPath));
    }

    @Override
    public Optional<MetricsDialect> metrics() {
        return Optional.empty();
    }

    private static Replica replica(ReplicaSlice r) {
        return new Replica(r.index(), r.host(), r.port(), r.gpus(), r.threads());
    }

    /** Runs plugin code; what it throws becomes a {@link PluginFailure} naming the plugin. */
    private <T> T guard(Supplier<T> call) {
        try {
            T value = call.get();
            if (value == null) {
                throw new NullPointerException("returned null");
            }
            return value;
        } catch (RuntimeException | LinkageError e) {
            throw new PluginFailure("engine " + (kind == null ? "" : "'" + kind.id() + "' ") + "from " + label
                    + " failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }
}
