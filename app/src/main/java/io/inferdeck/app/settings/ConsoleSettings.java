package io.inferdeck.app.settings;

import io.inferdeck.styles.Theme;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the console remembers between runs. Immutable; {@code window} is null until a window was placed;
 * {@code modelFolders} are the folders the operator added on the Models page, in the order added.
 */
public record ConsoleSettings(Theme theme, WindowBounds window, List<Path> modelFolders) {

    public ConsoleSettings {
        Objects.requireNonNull(theme, "theme");
        modelFolders = List.copyOf(modelFolders);
    }

    public ConsoleSettings(Theme theme, WindowBounds window) {
        this(theme, window, List.of());
    }

    public static ConsoleSettings defaults() {
        return new ConsoleSettings(Theme.LIGHT, null);
    }

    public Optional<WindowBounds> windowBounds() {
        return Optional.ofNullable(window);
    }

    public ConsoleSettings withTheme(Theme newTheme) {
        return new ConsoleSettings(newTheme, window, modelFolders);
    }

    public ConsoleSettings withWindow(WindowBounds newWindow) {
        return new ConsoleSettings(theme, newWindow, modelFolders);
    }

    /** The folders with {@code folder} added at the end, unless it is already there. */
    public ConsoleSettings withModelFolder(Path folder) {
        if (modelFolders.contains(folder)) {
            return this;
        }
        List<Path> more = new java.util.ArrayList<>(modelFolders);
        more.add(folder);
        return new ConsoleSettings(theme, window, more);
    }
}
