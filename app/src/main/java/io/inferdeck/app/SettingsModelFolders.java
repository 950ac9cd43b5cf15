package io.inferdeck.app;

import io.inferdeck.app.settings.ConsoleSettings;
import io.inferdeck.services.models.ModelFolders;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** The Models page's added folders, kept in {@code settings.json} ({@link ConsoleSettings#modelFolders}). Thread-safe as the runtime's settings are. */
final class SettingsModelFolders implements ModelFolders {
    private final Supplier<ConsoleSettings> settings;
    private final java.util.function.Consumer<UnaryOperator<ConsoleSettings>> update;

    /** @param update changes the settings and saves them (off the caller's thread) */
    SettingsModelFolders(Supplier<ConsoleSettings> settings, java.util.function.Consumer<UnaryOperator<ConsoleSettings>> update) {
        this.settings = settings;
        this.update = update;
    }

    @Override
    public List<Path> folders() {
        return settings.get().modelFolders();
    }

    @Override
    public void add(Path folder) {
        update.accept(s -> s.withModelFolder(folder.toAbsolutePath().normalize()));
    }
}
