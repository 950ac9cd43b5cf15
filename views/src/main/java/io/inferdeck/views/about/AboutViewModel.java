package io.inferdeck.views.about;

import io.inferdeck.common.plugin.PluginEntry;
import io.inferdeck.services.about.AboutInfo;
import io.inferdeck.services.about.AboutService;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.FxDispatcher;
import io.inferdeck.views.fx.PageState;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The About dialog's model: the installation's facts (fixed for the process, so plain getters), the plugin
 * list, and Open for each folder, which runs on a worker through {@link AboutService} and reports in
 * {@link #messageProperty()} through the dialog's one state channel. Properties: FX thread.
 */
public final class AboutViewModel {
    /** The dialog's state: the outcome of the last Open, if any. */
    record AboutState(Optional<String> message) {
        static final AboutState NONE = new AboutState(Optional.empty());
    }

    private final AboutService service;
    private final BackgroundExecutor io;
    private final PageState<AboutState> state;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    public AboutViewModel(AboutService service, BackgroundExecutor io, FxDispatcher dispatcher) {
        this.service = service;
        this.io = io;
        this.state = PageState.latest(dispatcher, "about", AboutState.NONE, s -> message.set(s.message().orElse("")));
    }

    /** "InferDeck 0.1.0", "git commit …", "llama.cpp …", "Java …". */
    public List<String> versionLines() {
        return service.info().version().lines();
    }

    public List<AboutInfo.Folder> folders() {
        return service.info().folders();
    }

    public List<PluginEntry> plugins() {
        return service.info().plugins();
    }

    public boolean canOpenFolders() {
        return service.canOpenFolders();
    }

    /** Any thread; the outcome appears in {@link #messageProperty()}. */
    public void open(AboutInfo.Folder folder) {
        io.execute(() -> {
            String outcome;
            try {
                service.open(folder);
                outcome = "Opened " + folder.path();
            } catch (java.io.IOException | RuntimeException e) {
                outcome = "Could not open " + folder.path() + ": " + e.getMessage();
            }
            String shown = outcome;
            state.update(s -> new AboutState(Optional.of(shown)));
        });
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
