package io.inferdeck.views.archfixture;

import java.util.function.Consumer;
import javafx.application.Platform;

/** Deliberately posts to the FX thread directly, once as a call and once as a method reference. */
public final class RunLaterOutsideDispatcher {
    void call() {
        Platform.runLater(() -> { });
    }

    Consumer<Runnable> reference() {
        return Platform::runLater;
    }
}
