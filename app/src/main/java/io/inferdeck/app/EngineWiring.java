package io.inferdeck.app;

import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.gateway.GatewayExtensions;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.ProfileLibrary;
import io.inferdeck.control.profile.ProfileRules;
import io.inferdeck.gguf.ModelLibrary;
import io.inferdeck.gpu.EnginePidRegistry;
import io.inferdeck.services.bus.LiveBus;
import io.inferdeck.services.engine.EngineLauncher;
import io.inferdeck.services.engine.EngineService;
import io.inferdeck.views.engine.EngineViewModel;
import io.inferdeck.views.fx.FxDispatcher;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * The Engine page's part of the composition root: the {@link EngineService} on {@code engine-supervisor}
 * (state, process supervision) and {@code engine-worker} (model generation, waiting for an old engine to
 * exit), its snapshot topic connected to the page's one dispatcher channel. Owns both threads.
 */
final class EngineWiring implements AutoCloseable {
    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("engine-supervisor").daemon(true).factory());
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("engine-worker").daemon(true).factory());
    private final EngineService service;
    private final EngineViewModel viewModel;

    /**
     * @param gatewayParts what each deployment's gateway gets from outside the control module (key admission)
     * @param safetyStages the stage ids a profile's {@code gateway.safety} block may name (checked before Apply)
     */
    EngineWiring(FxDispatcher dispatcher, LiveBus bus, EngineTarget target, EnginePidRegistry pids, ModelLibrary models,
                 ProfileLibrary profiles, Function<DeploymentProfile, GatewayExtensions> gatewayParts,
                 java.util.Collection<String> safetyStages) {
        LaunchContext launch = LaunchContext.forThisJvm();
        EngineLauncher launcher = new EngineLauncher(models, launch, workDir(System.getenv()),
                supervisor, Clock.systemUTC(), gatewayParts, ProfileRules.of(launch.drivers()).withSafetyStages(safetyStages));
        service = new EngineService(supervisor, worker, launcher, profiles, target, pids, bus.topic(EngineService.SNAPSHOTS));
        viewModel = new EngineViewModel(service, dispatcher, Instant::now);
        bus.topic(EngineService.SNAPSHOTS).subscribe(viewModel::accept);   // a late subscriber gets the latest at once
    }

    /** Where the console's deployments work: one folder each, holding the engines' {@code engine-<pid>.log}. */
    static java.nio.file.Path workDir(java.util.Map<String, String> env) {
        return ModelLibrary.dataDir(env).resolve("engines");
    }

    EngineService service() {
        return service;
    }

    EngineViewModel viewModel() {
        return viewModel;
    }

    /** Stops the engines first (bounded): no orphan processes, even if a later step fails. */
    @Override
    public void close() {
        service.close();
        supervisor.shutdownNow();
        worker.shutdownNow();
    }
}
