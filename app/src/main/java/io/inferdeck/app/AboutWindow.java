package io.inferdeck.app;

import io.inferdeck.styles.Theme;
import io.inferdeck.views.about.AboutView;
import io.inferdeck.views.about.AboutViewModel;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The About window: one per console, built on first use and brought to the front on later ones, styled with
 * the console's theme (and restyled when it changes). FX thread only.
 */
final class AboutWindow {
    private final AboutViewModel viewModel;
    private final Window owner;
    private Stage stage;

    AboutWindow(AboutViewModel viewModel, Window owner) {
        this.viewModel = viewModel;
        this.owner = owner;
    }

    void show(Theme theme) {
        if (stage == null) {
            stage = new Stage();
            stage.initOwner(owner);
            stage.setTitle("About InferDeck");
            stage.setScene(new Scene(new AboutView(viewModel)));
        }
        ThemeApplier.apply(stage.getScene(), theme);
        stage.show();
        stage.toFront();
    }

    /** Restyles an open window; nothing to do before the first show. */
    void theme(Theme theme) {
        if (stage != null) {
            ThemeApplier.apply(stage.getScene(), theme);
        }
    }
}
