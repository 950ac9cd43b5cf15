package io.inferdeck.app;

import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.launch.LaunchCommand;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.profile.ProfileLibrary;
import io.inferdeck.control.supervisor.Deployment;
import io.inferdeck.control.supervisor.EngineSupervisor;
import io.inferdeck.control.supervisor.FreePorts;
import io.inferdeck.control.supervisor.RestartPolicy;
import io.inferdeck.control.supervisor.EngineState;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gpu.EnginePidRegistry;
import io.inferdeck.gguf.ModelLibrary;
import io.inferdeck.views.engine.EngineControl;
import io.inferdeck.views.engine.EngineSnapshot;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The console's engine: the built-in runner on the embedded default model (written on first use),
 * supervised by a {@link Deployment}. All work runs on the {@code engine-supervisor} executor the
 * composition root owns; snapshots go to {@code publish} (the FX dispatcher channel) at most every 500 ms
 * plus on every state change.
 */
final class EngineService implements EngineControl, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EngineService.class.getName());
    private static final int LOG_LINES = 400;

    private final ScheduledExecutorService exec;
    private final ModelLibrary models;
    private final Path workRoot;
    private final EngineTarget target;
    private final Consumer<EngineSnapshot> publish;
    private final LaunchContext launch;
    private final EnginePidRegistry pids;
    private final java.util.Map<Integer, Long> pidByReplica = new java.util.concurrent.ConcurrentHashMap<>();
    private final ProfileLibrary library;
    // Written on engine-supervisor, read by snapshot publishers on process-watcher threads too.
    private volatile Deployment deployment;
    private DeploymentProfile defaultProfile;
    private volatile List<ProfileLibrary.Entry> choices = List.of();
    private volatile String profileName = "default (embedded model, Q4_0)";

    EngineService(ScheduledExecutorService exec, ModelLibrary models, Path workRoot, EngineTarget target,
                  Consumer<EngineSnapshot> publish, EnginePidRegistry pids, ProfileLibrary library) {
        this.library = library;
        this.pids = pids;
        this.exec = exec;
        this.models = models;
        this.workRoot = workRoot;
        this.target = target;
        this.publish = publish;
        this.launch = LaunchContext.forThisJvm();
        exec.execute(this::reloadProfiles);
        exec.scheduleWithFixedDelay(this::publishSnapshot, 500, 500, TimeUnit.MILLISECONDS);
    }

    @Override
    public void start() {
        exec.execute(() -> {
            if (deployment != null) {
                deployment.start();
                return;
            }
            try {
                launch(defaultProfile());
            } catch (Exception e) {
                failed(e);
            }
        });
    }

    /**
     * Stops what runs, then starts {@code profile}. The old deployment is closed on its own short-lived
     * thread: close() waits for stop work that runs on engine-supervisor, so closing it there would
     * stall until the kill timeout. Its replicas show Stopping meanwhile; the new ones start once the
     * old processes have exited (so a profile on the same port can bind).
     */
    @Override
    public void apply(DeploymentProfile profile) {
        exec.execute(() -> {
            Deployment old = deployment;
            if (old == null) {
                launchOrReport(profile);
                return;
            }
            Thread.ofVirtual().name("engine-apply").start(() -> {
                old.close();
                exec.execute(() -> {
                    pidByReplica.values().forEach(pids::unregister);
                    pidByReplica.clear();
                    launchOrReport(profile);
                });
            });
        });
    }

    private void launchOrReport(DeploymentProfile profile) {
        try {
            launch(resolve(profile));
        } catch (Exception e) {
            failed(e);
        }
    }

    @Override
    public void refreshProfiles() {
        exec.execute(() -> {
            reloadProfiles();
            publishSnapshot();
        });
    }

    /** engine-supervisor thread. The embedded default (its file is written at launch); one instance so diffs against it are exact. */
    private DeploymentProfile defaultProfile() throws java.io.IOException {
        if (defaultProfile == null) {
            defaultProfile = DeploymentProfile.builder().engine(EngineKind.BUILTIN).name("default")
                    .model(models.defaultModel().toString()).quantization(ModelLibrary.DEFAULT_TYPE.name())
                    .port(FreePorts.allocate()).build();
        }
        return defaultProfile;
    }

    /** A builtin profile without a model runs the embedded default model. */
    private DeploymentProfile resolve(DeploymentProfile p) throws java.io.IOException {
        if (launch.drivers().driver(p.engine()).runsDefaultModel() && (p.model() == null || p.model().isBlank())) {
            return p.toBuilder().model(defaultProfile().model()).build();
        }
        return p;
    }

    private void launch(DeploymentProfile profile) throws Exception {
        if (profile.model() != null && profile.model().equals(defaultProfile().model())) {
            models.ensure(LlamaModelSpec.DEFAULT, List.of(ModelLibrary.DEFAULT_TYPE), (t, b) -> { });
        }
        deployment = new Deployment(profile, launch, workRoot, target, exec, RestartPolicy.DEFAULT, Clock.systemUTC());
        deployment.subscribe((replica, state) -> {
            trackPid(replica, state);
            publishSnapshot();
        });
        profileName = (profile.name() == null ? "unnamed" : profile.name()) + " · "
                + (profile.model() == null ? profile.engine().id()
                : Path.of(profile.model()).getFileName());
        deployment.start();
    }

    private void failed(Exception e) {
        LOG.log(System.Logger.Level.WARNING, "engine start failed", e);
        publish.accept(EngineSnapshot.idle(profileName, "could not start: " + e.getMessage()).withChoices(choices));
    }

    /** engine-supervisor thread: the built-in default first, then the saved profiles (unreadable ones with their error). */
    private void reloadProfiles() {
        List<ProfileLibrary.Entry> list = new ArrayList<>();
        try {
            list.add(new ProfileLibrary.Entry("default (embedded model)", null, defaultProfile(), null));
        } catch (java.io.IOException e) {
            list.add(new ProfileLibrary.Entry("default (embedded model)", null, null, "no free port: " + e.getMessage()));
        }
        try {
            list.addAll(library.list());
        } catch (java.io.IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot list " + library.dir(), e);
        }
        choices = List.copyOf(list);
    }

    @Override
    public void stop() {
        exec.execute(() -> {
            if (deployment != null) {
                deployment.stop();
            }
        });
    }

    @Override
    public void restart() {
        exec.execute(() -> {
            if (deployment == null) {
                start();
            } else {
                deployment.stop().thenRunAsync(deployment::start, exec);
            }
        });
    }

    /** The GPU view attributes GPU memory to engines by pid: keep the registry in step with the replicas. */
    private void trackPid(int replica, EngineState state) {
        long pid = switch (state) {
            case EngineState.Starting s -> s.pid();
            case EngineState.Ready r -> r.pid();
            case EngineState.Degraded d -> d.pid();
            case EngineState.Stopping s -> s.pid();
            default -> -1;
        };
        Long old = pid < 0 ? pidByReplica.remove(replica) : pidByReplica.put(replica, pid);
        if (old != null && old != pid) {
            pids.unregister(old);
        }
        if (pid >= 0) {
            pids.register(pid, "builtin engine" + (deployment.replicas().size() > 1 ? " #" + replica : ""));
        }
    }

    private void publishSnapshot() {
        Deployment d = deployment;
        if (d == null) {
            if (!choices.isEmpty()) {
                publish.accept(EngineSnapshot.idle(profileName, "not started").withChoices(choices));
            }
            return;
        }
        List<String> log = new ArrayList<>();
        List<EngineSupervisor> replicas = d.replicas();
        for (int i = 0; i < replicas.size(); i++) {
            String prefix = replicas.size() > 1 ? "[" + i + "] " : "";
            replicas.get(i).log().tail(LOG_LINES / replicas.size())
                    .forEach(l -> log.add(prefix + l.replace(launch.classpath(), "<console class path>")));
        }
        List<String> commands = d.commands().stream()
                .map(LaunchCommand::display)
                .map(s -> s.replace(launch.classpath(), "<console class path>"))
                .toList();
        publish.accept(new EngineSnapshot(profileName, d.profile(), replicas.stream().map(EngineSupervisor::state).toList(),
                commands, log, choices));
    }

    /** Stops the engine processes (bounded); the executor is the composition root's to shut down. */
    @Override
    public void close() {
        if (deployment != null) {
            deployment.close();
        }
    }
}
