package io.inferdeck.app;

import io.inferdeck.app.settings.ConsoleSettings;
import io.inferdeck.app.settings.SettingsStore;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.gguf.ModelLibrary;
import io.inferdeck.services.tuning.TuningBackend;
import io.inferdeck.gpu.EnginePidRegistry;
import io.inferdeck.services.bus.LiveBus;
import io.inferdeck.services.conversation.ConversationStore;
import io.inferdeck.services.engine.EngineService;
import io.inferdeck.services.gpu.GpuFeed;
import io.inferdeck.services.about.AboutService;
import io.inferdeck.services.plugins.PluginCatalog;
import io.inferdeck.services.safety.FilterSettings;
import io.inferdeck.services.safety.SafetyService;
import io.inferdeck.views.about.AboutViewModel;
import io.inferdeck.views.engine.EngineStatus;
import io.inferdeck.views.engine.EngineView;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.FxDispatcher;
import io.inferdeck.views.playground.PlaygroundView;
import io.inferdeck.views.safety.SafetyView;
import io.inferdeck.views.safety.SafetyViewModel;
import io.inferdeck.views.shell.Section;
import io.inferdeck.views.shell.ShellStatus;
import io.inferdeck.views.shell.ShellViewModel;
import io.inferdeck.views.tuning.TuningView;
import io.inferdeck.views.tuning.TuningViewModel;
import io.inferdeck.services.models.ModelCatalog;
import io.inferdeck.views.models.ModelsView;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.Node;

/**
 * Composition root of the console: constructs services, view-models and views, and owns every
 * thread the console starts ({@code fx-dispatch}, {@code settings-io}, and through its wirings the
 * engine, sampler and export threads); {@link #close()} stops them. Live state reaches the pages one
 * way: services and samplers publish on the {@link LiveBus}, and this class only connects bus topics
 * to dispatcher channels. Later features add their samplers and supervisors here, never as globals.
 *
 * <p>Constructed off the FX thread (in {@code Application.init}) because it reads the settings file.
 */
final class ConsoleRuntime implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ConsoleRuntime.class.getName());

    private final SettingsStore settingsStore;
    private final BackgroundExecutor settingsIo;
    private final ScheduledExecutorService dispatchTimer;
    private final FxDispatcher dispatcher;
    private final ConsoleSettings initialSettings;
    /** The settings as last saved or changed; every change goes through {@link #updateSettings}. */
    private final java.util.concurrent.atomic.AtomicReference<ConsoleSettings> settings = new java.util.concurrent.atomic.AtomicReference<>();
    private final ShellViewModel shell;
    private final EngineTarget engineTarget = new EngineTarget();
    private final LiveBus bus = new LiveBus();
    private final EngineWiring engine;
    private final KeysWiring keys;
    private final ConsoleKeysWiring consoleKeys;
    private final BackgroundExecutor safetyWorker;
    private final SafetyService safetyService;
    private final SafetyViewModel safetyViewModel;
    private final BackgroundExecutor playgroundIo = BackgroundExecutor.threadPool("playground-io", 3); // 2 streams + files
    private final EnginePidRegistry enginePids = new EnginePidRegistry();   // the supervisor registers runner pids
    private final LiveSamplers samplers;
    private final DashboardWiring dashboard;
    private final TrafficWiring traffic;
    // Tuning: blocking work (sweeps, benches, quantizing, history) on one worker; sweep engines supervised on their own thread.
    private final BackgroundExecutor tuningWorker = BackgroundExecutor.threadPool("tuning-worker", 1);
    private final ScheduledExecutorService tuningSupervisor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("tuning-supervisor").daemon(true).factory());
    private final TuningBackend tuningBackend;
    private final TuningViewModel tuningViewModel;
    private final ModelsWiring models;
    private final BackgroundExecutor desktopIo = BackgroundExecutor.threadPool("desktop-io", 1);   // About's Open
    private final AboutViewModel about;
    private final FleetWiring fleet;

    ConsoleRuntime(Path configDir) {
        this(configDir, System.getenv());
    }

    /** @param env the environment the models folder and the other tools' model stores are found from (tests: a temporary HOME) */
    ConsoleRuntime(Path configDir, Map<String, String> env) {
        settingsStore = new SettingsStore(configDir);
        SettingsStore.Loaded loaded = settingsStore.load();
        loaded.warnings().forEach(w -> LOG.log(System.Logger.Level.WARNING, "settings: " + w));
        initialSettings = loaded.settings();
        settings.set(initialSettings);

        settingsIo = BackgroundExecutor.threadPool("settings-io", 1);     // one thread: saves land in order
        dispatchTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "fx-dispatch");
            thread.setDaemon(true);
            return thread;
        });
        dispatcher = FxDispatcher.onFxThread(dispatchTimer);
        shell = new ShellViewModel(initialSettings.theme(), dispatcher);
        bus.topic(EngineService.SNAPSHOTS).subscribe(s -> shell.showEngineStatus(EngineStatus.indicator(s)));
        bus.topic(GpuFeed.SNAPSHOTS).subscribe(g -> shell.showGpuStatus(ShellStatus.gpu(g)));

        // one models folder and one profiles folder, shared by the Engine and Tuning pages
        ModelLibrary library = ModelLibrary.fromEnvironment(env);
        var profiles = new io.inferdeck.control.profile.ProfileLibrary(configDir.resolve("profiles"));
        keys = new KeysWiring(io.inferdeck.control.gateway.keys.KeyStore.defaultLocation(env), java.time.Clock.systemUTC(),
                w -> LOG.log(System.Logger.Level.WARNING, w));
        // Safety: filters and the classifier model load lazily on safety-worker, on the first run; a deployment whose
        // profile turns live safety on loads its own filters (on engine-worker) over the same review queue.
        safetyWorker = BackgroundExecutor.threadPool("safety-worker", 1);
        // plugins: the same scan the engine registry (EngineDrivers.defaults()) was built from; their stages join the filters
        PluginCatalog plugins = PluginCatalog.installed();
        safetyService = new SafetyService(io.inferdeck.safety.SafetyPaths.fromEnvironment(env),
                FilterSettings.defaults().withStages(plugins.stages()), java.time.Clock.systemUTC());
        var gatewayParts = new GatewayParts(keys, safetyService);   // every deployment's gateway: the engine's and the sweeps'
        engine = new EngineWiring(dispatcher, bus, engineTarget, enginePids, library, profiles, gatewayParts,
                gatewayParts.stageIds());
        consoleKeys = new ConsoleKeysWiring(keys, dispatcher, bus);
        dispatchTimer.scheduleAtFixedRate(engine.viewModel()::tick, 1, 1, TimeUnit.SECONDS);   // uptime on the Engine page
        if (Boolean.parseBoolean(System.getProperty("inferdeck.autostart", "true"))) {
            engine.service().start();   // "./inferdeck" starts the console on the embedded default, engine included
        }

        safetyViewModel = new SafetyViewModel(safetyService, safetyWorker, dispatcher, engineTarget);

        samplers = new LiveSamplers(bus, enginePids, DashboardWiring.GPU_RATE_HZ);
        samplers.scrape(engineTarget, DashboardWiring.METRICS_RATE_HZ);
        dashboard = new DashboardWiring(dispatcher, bus, DashboardExports.dir(), DashboardWiring.GPU_RATE_HZ,
                DashboardWiring.METRICS_RATE_HZ, initialSettings.dashboardSlo());
        traffic = new TrafficWiring(dispatcher, bus, engineTarget);

        tuningBackend = new TuningBackend(library, profiles,
                io.inferdeck.tuning.history.RunHistory.defaultLocation(env),
                io.inferdeck.control.launch.LaunchContext.forThisJvm(), ModelLibrary.dataDir(env).resolve("sweeps"),
                tuningSupervisor, java.time.Clock.systemUTC(), gatewayParts,
                new io.inferdeck.tuning.sweep.GpuEnergyProbe(bus.topic(GpuFeed.SNAPSHOTS)::latest));   // sweep's tokens per joule
        tuningViewModel = new TuningViewModel(tuningBackend, tuningWorker, dispatcher, engine.service(), engineTarget);
        bus.topic(EngineService.SNAPSHOTS).subscribe(tuningViewModel::acceptEngine);   // into the page's one state channel
        bus.topic(GpuFeed.SNAPSHOTS).subscribe(tuningViewModel::acceptGpu);

        DesktopFileManager fileManager = new DesktopFileManager();
        models = new ModelsWiring(dispatcher, bus, env, library, new SettingsModelFolders(settings::get, this::updateSettings),
                tuningBackend, engine.service(), fileManager);
        about = new AboutViewModel(new AboutService(BuildInfo.about(configDir, env, plugins.entries()), fileManager),
                desktopIo, dispatcher);
        bus.topic(ModelCatalog.SCANS).subscribe(tuningViewModel::acceptModels);
        fleet = new FleetWiring(dispatcher, env);
    }

    /** The engine every client feature talks to (set while the engine is Ready). */
    EngineTarget engineTarget() {
        return engineTarget;
    }

    ConsoleSettings initialSettings() {
        return initialSettings;
    }

    ShellViewModel shell() {
        return shell;
    }

    /** The gateway keys and their usage (list, usage snapshots) for the console's pages. */
    io.inferdeck.services.keys.KeyService keys() {
        return keys.service();
    }

    /** The About window's model: version facts, folders, the plugin list. */
    AboutViewModel about() {
        return about;
    }

    /** The dispatcher background sources publish through; used by feature wiring as it lands. */
    FxDispatcher dispatcher() {
        return dispatcher;
    }

    Map<Section, Supplier<? extends Node>> pages() {
        Map<Section, Supplier<? extends Node>> pages = new EnumMap<>(Section.class);
        pages.put(Section.DASHBOARD, dashboard::view);
        pages.put(Section.ENGINE, () -> new EngineView(engine.viewModel()));
        pages.put(Section.TUNING, () -> new TuningView(tuningViewModel));
        pages.put(Section.PLAYGROUND, this::playground);
        pages.put(Section.SAFETY, () -> new SafetyView(safetyViewModel));
        pages.put(Section.TRAFFIC, traffic::view);
        pages.put(Section.MODELS, () -> new ModelsView(models.viewModel()));
        pages.put(Section.KEYS, consoleKeys::view);
        pages.put(Section.FLEET, fleet::view);
        return pages;
    }

    /** FX thread, once (the shell creates each page once): lane A follows the engine (with the console's key where needed), lane B a URL. */
    private PlaygroundView playground() {
        var client = new io.inferdeck.control.chat.ChatClient(System::nanoTime);
        var store = new ConversationStore();
        var a = new io.inferdeck.views.playground.PlaygroundViewModel("playground", client, consoleKeys.clientTarget(engineTarget), store,
                playgroundIo, dispatcher, engine.service()::start);
        var b = new io.inferdeck.views.playground.PlaygroundViewModel("playground-b", client, new EngineTarget(), store,
                playgroundIo, dispatcher, () -> { });
        return new PlaygroundView(a, b);
    }

    /** Any thread: the settings as they are now (theme, window, models folders). */
    ConsoleSettings settings() {
        return settings.get();
    }

    /** Any thread: changes the settings and saves them on the settings-io thread; a failure is logged, never thrown at the UI. */
    void updateSettings(java.util.function.UnaryOperator<ConsoleSettings> change) {
        ConsoleSettings next = settings.updateAndGet(change);
        settingsIo.execute(() -> {
            try {
                settingsStore.save(next);
            } catch (java.io.IOException e) {
                LOG.log(System.Logger.Level.WARNING, "could not save settings to " + settingsStore.file(), e);
            }
        });
    }

    /** Stops the dispatcher and the threads; waits (bounded) for a pending settings save to land. */
    @Override
    public void close() {
        engine.close();               // engines first: no orphan processes, even if a later step fails
        models.close();
        fleet.close();
        consoleKeys.close();          // the console's own key revoked while the store is open
        desktopIo.close();
        keys.close();                 // after the gateways: their last usage is written
        playgroundIo.close();
        dashboard.close();
        traffic.close();
        samplers.close();
        dispatcher.close();
        dispatchTimer.shutdownNow();
        settingsIo.close();
        safetyViewModel.cancel();     // a running suite stops at the next case
        safetyWorker.close();
        safetyService.close();
        tuningViewModel.sweep().stop();   // a running sweep ends after its point; the worker's close interrupts the rest
        tuningWorker.close();
        tuningSupervisor.shutdownNow();
        tuningBackend.close();
    }
}
