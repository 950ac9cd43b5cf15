package io.inferdeck.app;

import io.inferdeck.app.settings.WindowBounds;
import java.util.Optional;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Restores and records the main window's placement. Tracks the last un-maximized bounds, because a
 * maximized stage reports the screen's size, which is not what the user wants back after restoring.
 * FX thread only.
 */
final class WindowPlacement {

    static final double DEFAULT_WIDTH = 1280;
    static final double DEFAULT_HEIGHT = 800;

    private final Stage stage;
    private double x;
    private double y;
    private double width;
    private double height;

    WindowPlacement(Stage stage) {
        this.stage = stage;
    }

    /** Applies saved bounds if they are still on some screen (monitors change); otherwise a centred default. */
    void restore(Optional<WindowBounds> saved) {
        stage.setMinWidth(WindowBounds.MIN_WIDTH);
        stage.setMinHeight(WindowBounds.MIN_HEIGHT);
        Optional<WindowBounds> usable = saved.filter(WindowPlacement::visibleOnAScreen);
        if (usable.isPresent()) {
            WindowBounds b = usable.get();
            stage.setX(b.x());
            stage.setY(b.y());
            stage.setWidth(b.width());
            stage.setHeight(b.height());
            stage.setMaximized(b.maximized());
        } else {
            Rectangle2D screen = Screen.getPrimary().getVisualBounds();
            stage.setWidth(Math.max(WindowBounds.MIN_WIDTH, Math.min(DEFAULT_WIDTH, screen.getWidth())));
            stage.setHeight(Math.max(WindowBounds.MIN_HEIGHT, Math.min(DEFAULT_HEIGHT, screen.getHeight())));
            stage.centerOnScreen();
        }
        remember();
        stage.xProperty().addListener(o -> remember());
        stage.yProperty().addListener(o -> remember());
        stage.widthProperty().addListener(o -> remember());
        stage.heightProperty().addListener(o -> remember());
    }

    /** Current placement, with the un-maximized size when the window is maximized. */
    WindowBounds current() {
        return new WindowBounds(x, y, Math.max(width, WindowBounds.MIN_WIDTH), Math.max(height, WindowBounds.MIN_HEIGHT),
                stage.isMaximized());
    }

    private void remember() {
        if (stage.isMaximized() || !Double.isFinite(stage.getX()) || !Double.isFinite(stage.getWidth())) {
            return;
        }
        x = stage.getX();
        y = stage.getY();
        width = stage.getWidth();
        height = stage.getHeight();
    }

    /** At least a 100x60 patch of the title-bar area must be on a screen, or the window could not be grabbed. */
    private static boolean visibleOnAScreen(WindowBounds b) {
        return !Screen.getScreensForRectangle(b.x(), b.y(), Math.min(b.width(), 100), 60).isEmpty();
    }
}
