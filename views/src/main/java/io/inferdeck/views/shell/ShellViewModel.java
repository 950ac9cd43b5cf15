package io.inferdeck.views.shell;

import io.inferdeck.styles.Theme;
import io.inferdeck.views.fx.FxDispatcher;
import io.inferdeck.views.fx.PageState;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * State of the main window: which section is shown, the status-bar items and the theme.
 * Views bind to the read-only properties and call the commands; nothing here touches a scene graph,
 * so it is tested with plain JUnit.
 *
 * <p>Thread confinement: FX thread only, except the status items: {@link #showEngineStatus} and
 * {@link #showGpuStatus} may be called from any thread and reach the bar as one {@link ShellStatus}
 * through the shell's one dispatcher channel.
 */
public final class ShellViewModel {

    /** What the status bar says before (and while) no engine runs: no engine exists yet in this build. */
    public static final StatusIndicator ENGINE_STOPPED = StatusIndicator.idle("Engine: Stopped");
    /** What the status bar says while no GPU source (NVML or a remote exporter) is attached. */
    public static final StatusIndicator GPU_NOT_MONITORED = StatusIndicator.idle("GPU: not monitored");

    private static final String APP_NAME = "InferDeck";

    private final ReadOnlyObjectWrapper<Section> section = new ReadOnlyObjectWrapper<>(this, "section", Section.DASHBOARD);
    private final ReadOnlyObjectWrapper<Theme> theme;
    private final ReadOnlyObjectWrapper<StatusIndicator> engineStatus =
            new ReadOnlyObjectWrapper<>(this, "engineStatus", ENGINE_STOPPED);
    private final ReadOnlyObjectWrapper<StatusIndicator> gpuStatus =
            new ReadOnlyObjectWrapper<>(this, "gpuStatus", GPU_NOT_MONITORED);
    private final ReadOnlyStringWrapper windowTitle = new ReadOnlyStringWrapper(this, "windowTitle");
    private final PageState<ShellStatus> status;

    public ShellViewModel(Theme initialTheme, FxDispatcher dispatcher) {
        this.theme = new ReadOnlyObjectWrapper<>(this, "theme", Objects.requireNonNull(initialTheme, "initialTheme"));
        windowTitle.bind(section.map(s -> APP_NAME + " — " + s.title()));
        status = PageState.latest(dispatcher, "shell-status", new ShellStatus(ENGINE_STOPPED, GPU_NOT_MONITORED), this::show);
    }

    public void select(Section target) {
        section.set(Objects.requireNonNull(target, "section"));
    }

    public void setTheme(Theme target) {
        theme.set(Objects.requireNonNull(target, "theme"));
    }

    public void toggleTheme() {
        theme.set(theme.get().toggled());
    }

    /** Any thread. */
    public void showEngineStatus(StatusIndicator engine) {
        Objects.requireNonNull(engine, "status");
        status.update(s -> new ShellStatus(engine, s.gpu()));
    }

    /** Any thread. */
    public void showGpuStatus(StatusIndicator gpu) {
        Objects.requireNonNull(gpu, "status");
        status.update(s -> new ShellStatus(s.engine(), gpu));
    }

    private void show(ShellStatus s) {
        engineStatus.set(s.engine());
        gpuStatus.set(s.gpu());
    }

    public ReadOnlyObjectProperty<Section> sectionProperty() {
        return section.getReadOnlyProperty();
    }

    public Section getSection() {
        return section.get();
    }

    public ReadOnlyObjectProperty<Theme> themeProperty() {
        return theme.getReadOnlyProperty();
    }

    public Theme getTheme() {
        return theme.get();
    }

    public ReadOnlyObjectProperty<StatusIndicator> engineStatusProperty() {
        return engineStatus.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<StatusIndicator> gpuStatusProperty() {
        return gpuStatus.getReadOnlyProperty();
    }

    /** "InferDeck — Dashboard": the stage title follows the section. */
    public ReadOnlyStringProperty windowTitleProperty() {
        return windowTitle.getReadOnlyProperty();
    }
}
