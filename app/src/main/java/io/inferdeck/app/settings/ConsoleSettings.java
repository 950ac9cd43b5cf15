package io.inferdeck.app.settings;

import io.inferdeck.styles.Theme;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the console remembers between runs. Immutable; {@code window} is null until a window was placed;
 * {@code modelFolders} are the folders the operator added on the Models page, in the order added;
 * {@code dashboardSloP95} is the P95 end-to-end latency objective the Dashboard colours its tiles against (null: none,
 * the tiles stay neutral), set by hand in settings.json as {@code dashboardSloP95Ms}.
 */
public record ConsoleSettings(Theme theme, WindowBounds window, List<Path> modelFolders, Duration dashboardSloP95) {

    public ConsoleSettings {
        Objects.requireNonNull(theme, "theme");
        modelFolders = List.copyOf(modelFolders);
        if (dashboardSloP95 != null && (dashboardSloP95.isNegative() || dashboardSloP95.isZero())) {
            throw new IllegalArgumentException("the Dashboard's objective must be positive: " + dashboardSloP95);
        }
    }

    public ConsoleSettings(Theme theme, WindowBounds window, List<Path> modelFolders) {
        this(theme, window, modelFolders, null);
    }

    public ConsoleSettings(Theme theme, WindowBounds window) {
        this(theme, window, List.of());
    }

    public Optional<Duration> dashboardSlo() {
        return Optional.ofNullable(dashboardSloP95);
    }

    public static ConsoleSettings defaults() {
        return new ConsoleSettings(Theme.LIGHT, null);
    }

    public Optional<WindowBounds> windowBounds() {
        return Optional.ofNullable(window);
    }

    public ConsoleSettings withTheme(Theme newTheme) {
        return new ConsoleSettings(newTheme, window, modelFolders, dashboardSloP95);
    }

    public ConsoleSettings withWindow(WindowBounds newWindow) {
        return new ConsoleSettings(theme, newWindow, modelFolders, dashboardSloP95);
    }

    /** The folders with {@code folder} added at the end, unless it is already there. */
    public ConsoleSettings withModelFolder(Path folder) {
        if (modelFolders.contains(folder)) {
            return this;
        }
        List<Path> more = new java.util.ArrayList<>(modelFolders);
        more.add(folder);
        return new ConsoleSettings(theme, window, more, dashboardSloP95);
    }
}
