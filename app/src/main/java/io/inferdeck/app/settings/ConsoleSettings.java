package io.inferdeck.app.settings;

import io.inferdeck.styles.Theme;
import java.util.Objects;
import java.util.Optional;

/** What the console remembers between runs. Immutable; {@code window} is null until a window was placed. */
public record ConsoleSettings(Theme theme, WindowBounds window) {

    public ConsoleSettings {
        Objects.requireNonNull(theme, "theme");
    }

    public static ConsoleSettings defaults() {
        return new ConsoleSettings(Theme.LIGHT, null);
    }

    public Optional<WindowBounds> windowBounds() {
        return Optional.ofNullable(window);
    }

    public ConsoleSettings withTheme(Theme newTheme) {
        return new ConsoleSettings(newTheme, window);
    }

    public ConsoleSettings withWindow(WindowBounds newWindow) {
        return new ConsoleSettings(theme, newWindow);
    }
}
