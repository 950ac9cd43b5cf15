package io.inferdeck.views.dashboard;

import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The wall screen: a full-screen stage showing the dashboard body with large type (the {@code :wall}
 * pseudo-class on its root) and no controls. F11, Ctrl+Shift+W or Esc leave it.
 */
final class WallStage extends Stage {

    private final DashboardBody body;

    WallStage(DashboardViewModel vm, Scene owner) {
        body = new DashboardBody(vm, true);
        StackPane root = new StackPane(body);
        root.getStyleClass().addAll("dashboard", "dashboard-wall-root");
        root.setId("dashboard-wall");
        root.pseudoClassStateChanged(DashboardView.WALL, true);
        Scene scene = new Scene(root, 1920, 1080);
        scene.getStylesheets().setAll(owner.getStylesheets());
        if (owner.getRoot() != null) {
            root.getStyleClass().addAll(owner.getRoot().getStyleClass().filtered(c -> !c.equals("root")));
        }
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (DashboardView.isToggleKey(e) || e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                close();
            }
        });
        setScene(scene);
        setTitle("InferDeck — wall");
        setFullScreenExitHint("");
        setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        setFullScreen(true);
        body.redraw();
    }

    DashboardBody body() {
        return body;
    }
}
