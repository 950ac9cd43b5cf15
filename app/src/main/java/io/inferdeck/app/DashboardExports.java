package io.inferdeck.app;

import java.nio.file.Path;

/** Where Dashboard exports go: {@code $XDG_DATA_HOME/inferdeck/exports}, else {@code ~/.local/share/inferdeck/exports}. */
final class DashboardExports {

    private DashboardExports() {
    }

    static Path dir() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path data = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return data.resolve("inferdeck").resolve("exports");
    }
}
