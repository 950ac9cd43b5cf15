package io.inferdeck.app;

import io.inferdeck.app.settings.ConsoleSettings;
import io.inferdeck.app.settings.SettingsStore;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.gpu.EnginePidRegistry;
import io.inferdeck.views.engine.EngineView;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.FxDispatcher;
import io.inferdeck.views.playground.PlaygroundView;
import io.inferdeck.views.safety.SafetyView;
import io.inferdeck.views.shell.Section;
import io.inferdeck.views.shell.ShellViewModel;
import io.inferdeck.views.tuning.TuningView;
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
    private final EnginePidRegistry enginePids = new EnginePidRegistry();   // the supervisor registers runner pids
    private final DashboardWiring dashboard;

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
        dashboard = new DashboardWiring(dispatcher, shell, engineTarget, enginePids, DashboardExports.dir());
    }

    ConsoleSettings initialSettings() {
        return initialSettings;
    }

    ShellViewModel shell() {
        return shell;
    }

    /** The engine every feature talks to; the supervisor sets it. */
    EngineTarget engineTarget() {
        return engineTarget;
    }

    /** The dispatcher background sources publish through; used by feature wiring as it lands. */
    FxDispatcher dispatcher() {
        return dispatcher;
    }

    Map<Section, Supplier<? extends Node>> pages() {
        Map<Section, Supplier<? extends Node>> pages = new EnumMap<>(Section.class);
        pages.put(Section.DASHBOARD, dashboard::view);
        pages.put(Section.ENGINE, EngineView::new);
        pages.put(Section.TUNING, TuningView::new);
        pages.put(Section.PLAYGROUND, PlaygroundView::new);
        pages.put(Section.SAFETY, SafetyView::new);
        return pages;
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
        dashboard.close();
        dispatcher.close();
        dispatchTimer.shutdownNow();
        settingsIo.close();
    }
}
