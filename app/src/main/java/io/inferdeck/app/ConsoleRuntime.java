package io.inferdeck.app;

import io.inferdeck.app.settings.ConsoleSettings;
import io.inferdeck.app.settings.SettingsStore;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.gguf.ModelLibrary;
import io.inferdeck.services.tuning.TuningBackend;
import io.inferdeck.views.engine.EngineSnapshot;
import io.inferdeck.gpu.EnginePidRegistry;
import io.inferdeck.views.engine.EngineView;
import io.inferdeck.views.engine.EngineViewModel;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.FxDispatcher;
import io.inferdeck.views.playground.PlaygroundView;
import io.inferdeck.views.safety.SafetyBackend;
import io.inferdeck.views.safety.SafetyView;
import io.inferdeck.views.safety.SafetyViewModel;
import io.inferdeck.views.shell.Section;
import io.inferdeck.views.shell.ShellViewModel;
import io.inferdeck.views.tuning.TuningView;
import io.inferdeck.views.tuning.TuningViewModel;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import javafx.scene.Node;

/**
 * Composition root of the console: constructs services, view-models and views, and owns every
 * thread the console starts ({@code fx-dispatch}, {@code settings-io}); {@link #close()} stops them.
 * Later features add their samplers and supervisors here, never as globals.
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
    private final ShellViewModel shell;
    private final EngineTarget engineTarget = new EngineTarget();
    private final ScheduledExecutorService engineSupervisor;
    private final EngineService engine;
    private final EngineViewModel engineViewModel;
    private final BackgroundExecutor safetyWorker;
    private final SafetyBackend safetyBackend;
    private final SafetyViewModel safetyViewModel;
    private final BackgroundExecutor playgroundIo = BackgroundExecutor.threadPool("playground-io", 3); // 2 streams + files
    private final EnginePidRegistry enginePids = new EnginePidRegistry();   // the supervisor registers runner pids
    private final DashboardWiring dashboard;
    // Tuning: blocking work (sweeps, benches, quantizing, history) on one worker; sweep engines supervised on their own thread.
    private final BackgroundExecutor tuningWorker = BackgroundExecutor.threadPool("tuning-worker", 1);
    private final ScheduledExecutorService tuningSupervisor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("tuning-supervisor").daemon(true).factory());
    private final TuningBackend tuningBackend;
    private final TuningViewModel tuningViewModel;

    ConsoleRuntime(Path configDir) {
        settingsStore = new SettingsStore(configDir);
        SettingsStore.Loaded loaded = settingsStore.load();
        loaded.warnings().forEach(w -> LOG.log(System.Logger.Level.WARNING, "settings: " + w));
        initialSettings = loaded.settings();

        settingsIo = BackgroundExecutor.threadPool("settings-io", 1);     // one thread: saves land in order
        dispatchTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "fx-dispatch");
            thread.setDaemon(true);
            return thread;
        });
        dispatcher = FxDispatcher.onFxThread(dispatchTimer);
        shell = new ShellViewModel(initialSettings.theme());

        engineSupervisor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "engine-supervisor");
            thread.setDaemon(true);
            return thread;
        });
        FxDispatcher.Channel<EngineSnapshot> engineChannel = dispatcher.channel("engine", this::showEngine);
        // one models folder and one profiles folder, shared by the Engine and Tuning pages
        ModelLibrary models = ModelLibrary.fromEnvironment(System.getenv());
        var profiles = new io.inferdeck.control.profile.ProfileLibrary(configDir.resolve("profiles"));
        engine = new EngineService(engineSupervisor, models, ModelLibrary.dataDir(System.getenv()).resolve("engines"),
                engineTarget, engineChannel::publish, enginePids, profiles);
        engineViewModel = new EngineViewModel(engine, java.time.Instant::now);
        if (Boolean.parseBoolean(System.getProperty("inferdeck.autostart", "true"))) {
            engine.start();   // "./inferdeck" starts the console on the embedded default, engine included
        }

        // Safety: filters and the classifier model load lazily on safety-worker, on the first run.
        safetyWorker = BackgroundExecutor.threadPool("safety-worker", 1);
        safetyBackend = new SafetyBackend(io.inferdeck.safety.SafetyPaths.fromEnvironment(), java.time.Clock.systemUTC());
        safetyViewModel = new SafetyViewModel(safetyBackend, safetyWorker, dispatcher, engineTarget);

        dashboard = new DashboardWiring(dispatcher, shell, engineTarget, enginePids, DashboardExports.dir());

        tuningBackend = new TuningBackend(models, profiles,
                io.inferdeck.tuning.history.RunHistory.defaultLocation(System.getenv()),
                io.inferdeck.control.launch.LaunchContext.forThisJvm(), ModelLibrary.dataDir(System.getenv()).resolve("sweeps"),
                tuningSupervisor, java.time.Clock.systemUTC());
        tuningViewModel = new TuningViewModel(tuningBackend, tuningWorker, dispatcher, engine, engineTarget);
        dashboard.alsoOnGpu(tuningViewModel::acceptGpu);
    }

    /** FX thread (dispatcher drain): engine page and status bar follow the newest engine snapshot. */
    private void showEngine(EngineSnapshot snapshot) {
        engineViewModel.accept(snapshot);
        shell.showEngineStatus(engineViewModel.statusIndicator());
        if (tuningViewModel != null) {   // null only for snapshots drained before construction finished
            tuningViewModel.acceptEngine(snapshot);
        }
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

    /** The dispatcher background sources publish through; used by feature wiring as it lands. */
    FxDispatcher dispatcher() {
        return dispatcher;
    }

    Map<Section, Supplier<? extends Node>> pages() {
        Map<Section, Supplier<? extends Node>> pages = new EnumMap<>(Section.class);
        pages.put(Section.DASHBOARD, dashboard::view);
        pages.put(Section.ENGINE, () -> new EngineView(engineViewModel));
        pages.put(Section.TUNING, () -> new TuningView(tuningViewModel));
        pages.put(Section.PLAYGROUND, this::playground);
        pages.put(Section.SAFETY, () -> new SafetyView(safetyViewModel));
        return pages;
    }

    /** FX thread, once (the shell creates each page once): lane A follows the engine, lane B a URL. */
    private PlaygroundView playground() {
        var client = new io.inferdeck.control.chat.ChatClient(System::nanoTime);
        var a = new io.inferdeck.views.playground.PlaygroundViewModel("playground", client, engineTarget, playgroundIo,
                dispatcher, engine::start);
        var b = new io.inferdeck.views.playground.PlaygroundViewModel("playground-b", client, new EngineTarget(),
                playgroundIo, dispatcher, () -> { });
        return new PlaygroundView(a, b);
    }

    /** Saves on the settings-io thread; a failure is logged, never thrown at the UI. */
    void saveSettings(ConsoleSettings settings) {
        settingsIo.execute(() -> {
            try {
                settingsStore.save(settings);
            } catch (java.io.IOException e) {
                LOG.log(System.Logger.Level.WARNING, "could not save settings to " + settingsStore.file(), e);
            }
        });
    }

    /** Stops the dispatcher and the threads; waits (bounded) for a pending settings save to land. */
    @Override
    public void close() {
        engine.close();               // engines first: no orphan processes, even if a later step fails
        engineSupervisor.shutdownNow();
        playgroundIo.close();
        dashboard.close();
        dispatcher.close();
        dispatchTimer.shutdownNow();
        settingsIo.close();
        safetyViewModel.cancel();     // a running suite stops at the next case
        safetyWorker.close();
        safetyBackend.close();
        tuningViewModel.sweep().stop();   // a running sweep ends after its point; the worker's close interrupts the rest
        tuningWorker.close();
        tuningSupervisor.shutdownNow();
        tuningBackend.close();
    }
}
