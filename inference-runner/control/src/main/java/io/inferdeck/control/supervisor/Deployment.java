package io.inferdeck.control.supervisor;

import io.inferdeck.control.endpoint.EngineEndpoint;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.gateway.Gateway;
import io.inferdeck.control.gateway.GatewayConfig;
import io.inferdeck.control.gateway.GatewayExtensions;
import io.inferdeck.control.gateway.Upstream;
import io.inferdeck.control.gateway.cache.CacheConfig;
import io.inferdeck.control.launch.LaunchCommand;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.launch.LaunchException;
import io.inferdeck.control.launch.LaunchPlanner;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.Hosts;
import io.inferdeck.control.profile.ProfileException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * A running profile: one supervised engine per replica on allocated loopback ports (or, when its driver
 * does not launch it, one {@link AttachedEngine}, health-checked and never started or stopped) and, in
 * front of them on the profile's port, the InferDeck {@link Gateway} (routing, limits, its own metrics
 * and request log).
 *
 * <p>The shared {@link EngineTarget} points at the gateway while at least one replica is Ready; replicas
 * report to private targets so they never overwrite it. Each engine gets one stream of health probes, its
 * replica's: the gateway routes by the replicas' states and their probe passes and never probes them itself.
 */
public final class Deployment implements AutoCloseable {
    private final DeploymentProfile profile;
    private final EngineTarget target;
    private final List<Replica> replicas = new ArrayList<>();
    private final List<LaunchCommand> commands;
    private final URI frontUrl;
    /** The gateway is up and the target follows the replicas; both outlive stop() and end with close(). */
    private final AtomicBoolean wired = new AtomicBoolean();
    private final Gateway gateway;
    private final ScheduledExecutorService exec;

    public Deployment(DeploymentProfile profile, LaunchContext ctx, Path workRoot, EngineTarget target,
                      ScheduledExecutorService exec, RestartPolicy policy, Clock clock)
            throws IOException, ProfileException, LaunchException {
        this(profile, ctx, workRoot, target, exec, policy, clock, GatewayExtensions.NONE);
    }

    /** @param extensions what the gateway needs from outside this module (key store, safety filters) */
    public Deployment(DeploymentProfile profile, LaunchContext ctx, Path workRoot, EngineTarget target,
                      ScheduledExecutorService exec, RestartPolicy policy, Clock clock, GatewayExtensions extensions)
            throws IOException, ProfileException, LaunchException {
        this.profile = profile;
        this.target = target;
        this.exec = exec;
        boolean attached = ctx.drivers().find(profile.engine()).map(d -> !d.launched(profile)).orElse(false);
        int n = attached ? 1 : Math.max(1, profile.replicas());
        FreePorts.checkAvailable(profile.host(), profile.port());   // the gateway's port
        List<Integer> ports = FreePorts.allocate(n, java.util.Set.of(profile.port()));
        commands = LaunchPlanner.plan(profile, ctx.withReplicaPorts(ports));
        frontUrl = Hosts.dialUrl(profile.host(), profile.port());
        for (LaunchCommand c : commands) {
            int index = replicas.size();
            replicas.add(c.attached() ? new AttachedEngine(exec, clock, profile.apiKey())
                    : new EngineSupervisor(exec, workRoot.resolve("replica-" + c.replica()), new EngineTarget(), policy, clock,
                            () -> anyReadyBesides(index)));
        }
        var api = ctx.drivers().driver(profile.engine()).openAi();
        List<Upstream> upstreams = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Replica s = replicas.get(i);
            // the replica's own probe is its engine's only one: Ready or not is the gateway's health verdict too
            upstreams.add(new Upstream("replica-" + i, commands.get(i).baseUrl(), commands.get(i).health(),
                    () -> s.state() instanceof EngineState.Ready, () -> restarting(s), api, true));
        }
        gateway = new Gateway(gatewayConfig(profile), upstreams, clock, extensions);
    }

    /**
     * A deployment of {@code profile} whose gateway gets what {@code parts} builds for it (key store admission, live
     * safety): the one path for every owner that deploys from a profile (the engine service, {@code up},
     * {@code chaos}, sweeps). Live safety filters that no gateway took over are closed.
     *
     * @throws IOException also when a part could not be opened (the key store, the filters)
     */
    public static Deployment of(DeploymentProfile profile, LaunchContext ctx, Path workRoot, EngineTarget target,
                                ScheduledExecutorService exec, RestartPolicy policy, Clock clock,
                                java.util.function.Function<DeploymentProfile, GatewayExtensions> parts)
            throws IOException, ProfileException, LaunchException {
        GatewayExtensions extensions;
        try {
            extensions = parts.apply(profile);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        try {
            return new Deployment(profile, ctx, workRoot, target, exec, policy, clock, extensions);
        } catch (IOException | ProfileException | LaunchException | RuntimeException e) {
            extensions.safety().ifPresent(io.inferdeck.control.gateway.filter.TrafficFilter::close);   // no gateway took it over
            throw e;
        }
    }

    /** The front door's settings: the defaults, with what the profile's {@code gateway} block overrides. */
    static GatewayConfig gatewayConfig(DeploymentProfile profile) {
        var s = profile.gateway();
        return GatewayConfig.defaults(profile.host(), profile.port(),
                        java.util.Optional.ofNullable(profile.apiKey()).filter(k -> !k.isBlank()))
                .withMaxBodyBytes(s.maxBodyBytes())
                .withLog(s.logCapacity(), java.util.Optional.ofNullable(s.logFile()).map(java.nio.file.Path::of),
                        GatewayConfig.DEFAULT_LOG_FILE_MAX_BYTES)
                .withCache(java.util.Optional.ofNullable(s.cache())
                        .map(c -> new CacheConfig(c.maxBytes(), Duration.ofSeconds(c.ttlSeconds()), c.allowSampled())));
    }

    public DeploymentProfile profile() {
        return profile;
    }

    public List<LaunchCommand> commands() {
        return commands;
    }

    public List<Replica> replicas() {
        return List.copyOf(replicas);
    }

    public URI frontUrl() {
        return frontUrl;
    }

    /** The front door: its metrics and request log. */
    public Gateway gateway() {
        return gateway;
    }

    /** Listener gets (replica index, new state) on the supervisor thread. */
    public void subscribe(BiConsumer<Integer, EngineState> listener) {
        for (int i = 0; i < replicas.size(); i++) {
            int index = i;
            replicas.get(i).subscribe(s -> listener.accept(index, s));
        }
    }

    /** Starts every replica; after {@link #stop()} it may be called again. */
    public CompletableFuture<Void> start() {
        if (wired.compareAndSet(false, true)) {   // once: a restart must not add a second listener or gateway
            try {
                gateway.start(exec);   // its health check only fires asynchronous requests on the supervisor thread
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
            subscribe((i, s) -> {
                updateTarget();
                gateway.upstreamsChanged();   // requests waiting for a replica leave as soon as it answers
            });
            for (int i = 0; i < replicas.size(); i++) {
                Upstream u = gateway.upstreams().all().get(i);
                replicas.get(i).subscribeProbes(() -> gateway.probePassed(u));   // lifts an ejection, wakes the hold
            }
        }
        List<CompletableFuture<Void>> started = new ArrayList<>();
        for (int i = 0; i < replicas.size(); i++) {
            started.add(replicas.get(i).start(commands.get(i), profile.name() + (replicas.size() > 1 ? " #" + i : "")));
        }
        return CompletableFuture.allOf(started.toArray(CompletableFuture[]::new));
    }

    /** Whether a replica other than {@code index} is Ready: if none is, a killed replica restarts at once. */
    private boolean anyReadyBesides(int index) {
        for (int i = 0; i < replicas.size(); i++) {
            if (i != index && replicas.get(i).state() instanceof EngineState.Ready) {
                return true;
            }
        }
        return false;
    }

    /** A supervised replica its supervisor is (re)starting: the gateway holds requests for it (attached ones: never). */
    private static boolean restarting(Replica r) {
        return r instanceof EngineSupervisor && !(r.state() instanceof EngineState.Stopped || r.state() instanceof EngineState.Stopping);
    }

    private void updateTarget() {
        boolean anyReady = replicas.stream().anyMatch(r -> r.state() instanceof EngineState.Ready);
        if (anyReady) {
            target.set(new EngineEndpoint(frontUrl, profile.apiKey(), profile.name() + " · " + profile.engine().id()));
        } else {
            target.clear();
        }
    }

    /**
     * Blocks until the first replica is Ready (empty) or gave a reason it will not be: it crashed (exit code
     * and its last log lines) or {@code timeout} passed. For one-shot measurements (sweeps, reports); the
     * console follows states through {@link #subscribe} instead.
     */
    public java.util.Optional<String> awaitReady(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            EngineState s = replicas.getFirst().state();
            if (s instanceof EngineState.Ready) {
                return java.util.Optional.empty();
            }
            if (s instanceof EngineState.Crashed c) {
                return java.util.Optional.of("engine exited with code " + c.exitCode()
                        + LogLevel.lastError(c.lastLines()).map(l -> ": " + l).orElse(""));
            }
            Thread.sleep(100);
        }
        return java.util.Optional.of("engine not Ready within " + timeout.toSeconds() + " s");
    }

    public CompletableFuture<Void> stop() {
        return CompletableFuture.allOf(replicas.stream().map(Replica::stop).toArray(CompletableFuture[]::new));
    }

    @Override
    public void close() {
        replicas.forEach(Replica::close);
        gateway.close();
        target.clear();
    }
}
