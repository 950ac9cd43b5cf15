package io.inferdeck.app;

import io.inferdeck.app.settings.ConfigDirs;
import io.inferdeck.app.settings.ConsoleSettings;
import io.inferdeck.styles.Theme;
import io.inferdeck.views.shell.ShellView;
import java.nio.file.Path;
import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The console's JavaFX application: builds the main window from a {@link ConsoleRuntime}, applies and
 * persists theme and window placement, and closes the runtime on exit.
 */
public final class InferDeckApp extends Application {

    private final Path configDir;
    private final java.util.Map<String, String> env;
    private ConsoleRuntime runtime;
    private WindowPlacement placement;

    /** Used by {@code Application.launch}: config from the environment ($XDG_CONFIG_HOME or ~/.config). */
    public InferDeckApp() {
        this(ConfigDirs.fromEnvironment());
    }

    /** Used by tests to point the console at a temporary config dir. */
    public InferDeckApp(Path configDir) {
        this(configDir, System.getenv());
    }

    /** Used by tests that also place models under a temporary home ({@code env} locates the model stores). */
    public InferDeckApp(Path configDir, java.util.Map<String, String> env) {
        this.configDir = Objects.requireNonNull(configDir, "configDir");
        this.env = java.util.Map.copyOf(env);
    }

    /** Launcher thread, not the FX thread: the settings file is read here. */
    @Override
    public void init() {
        runtime = new ConsoleRuntime(configDir, env);
    }

    @Override
    public void start(Stage stage) {
        AboutWindow about = new AboutWindow(runtime.about(), stage);
        ShellView shell = new ShellView(runtime.shell(), runtime.pages(), () -> about.show(runtime.shell().getTheme()));
        Scene scene = new Scene(shell);
        shell.installShortcuts(scene, stage::close);   // last window closed -> stop()
        ThemeApplier.apply(scene, runtime.shell().getTheme());
        runtime.shell().themeProperty().addListener((obs, old, theme) -> {
            ThemeApplier.apply(scene, theme);
            about.theme(theme);
            runtime.updateSettings(s -> current(s, theme));
        });

        stage.titleProperty().bind(runtime.shell().windowTitleProperty());
        stage.setScene(scene);
        placement = new WindowPlacement(stage);
        placement.restore(runtime.initialSettings().windowBounds());
        stage.show();
        if (getParameters().getRaw().contains(FirstFrameProbe.ARG)) {
            FirstFrameProbe.install(stage, System.out);
        }
    }

    /**
     * FX thread, after the last window closed: record placement, then stop every thread. This is the
     * one place the FX thread waits (bounded, see {@code ThreadPoolBackgroundExecutor.CLOSE_GRACE}) —
     * for the final settings save — and only once the window is already gone.
     */
    @Override
    public void stop() {
        if (runtime == null) {
            return;
        }
        if (placement != null) {
            runtime.updateSettings(s -> current(s, runtime.shell().getTheme()));
        }
        runtime.close();
    }

    /** {@code s} with this theme and the window where it is now (the models folders kept). */
    private ConsoleSettings current(ConsoleSettings s, Theme theme) {
        return s.withTheme(theme).withWindow(placement == null ? null : placement.current());
    }
}
