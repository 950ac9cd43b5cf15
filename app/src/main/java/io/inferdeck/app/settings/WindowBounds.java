package io.inferdeck.app.settings;

/**
 * Last window placement, in screen coordinates (pixels at scale 1). {@code width}/{@code height}
 * are the un-maximized size, so restoring a maximized window gives the user their size back.
 */
public record WindowBounds(double x, double y, double width, double height, boolean maximized) {

    /** Smallest window the layout is designed for; also the stage's minimum size. */
    public static final double MIN_WIDTH = 900;
    public static final double MIN_HEIGHT = 560;

    public WindowBounds {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("window position must be finite: " + x + "," + y);
        }
        if (!(width >= MIN_WIDTH) || !(height >= MIN_HEIGHT) || !Double.isFinite(width) || !Double.isFinite(height)) {
            throw new IllegalArgumentException("window size must be at least " + (int) MIN_WIDTH + "x" + (int) MIN_HEIGHT
                    + ": " + width + "x" + height);
        }
    }
}
