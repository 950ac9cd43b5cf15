package io.inferdeck.views.common;

import javafx.beans.property.StringProperty;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;

/**
 * Text that wraps at the width its parent gives it and is exactly as high as its lines, never cut to "…". A
 * wrapping {@code Label} cannot promise that inside a {@code GridPane}: the grid sizes rows from its children's
 * preferred widths, where the label fits on one line, so the label gets one line's height and ends in "…".
 * This region asks for no width of its own, says its height depends on its width ({@link Orientation#HORIZONTAL} bias,
 * so a grid or box asks with the width it is about to give, in the same layout pass) and answers a height question
 * without a width for the width it was last given. The text node carries the style class passed in, so CSS styles it
 * as before ({@code -fx-fill}, font).
 */
public final class WrappingText extends Region {
    private final Text text = new Text();
    private final Text measure = new Text();   // off-scene: a height for a width without touching the shown text

    public WrappingText(String styleClass) {
        getStyleClass().add("wrapping-text");
        text.getStyleClass().add(styleClass);
        text.setTextOrigin(VPos.TOP);
        getChildren().add(text);
        setMinWidth(0);
        widthProperty().subscribe(this::requestLayout);   // a new width is a new height: the parent re-asks
    }

    public StringProperty textProperty() {
        return text.textProperty();
    }

    /** The text node (its style class, fill and font come from CSS). */
    public Text text() {
        return text;
    }

    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL;
    }

    @Override
    protected double computePrefWidth(double height) {
        return snappedLeftInset() + snappedRightInset();   // takes whatever width it gets; never widens its parent
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected double computePrefHeight(double width) {
        double insets = snappedLeftInset() + snappedRightInset();
        // a parent without a width of its own to give asks with the preferred width (the insets): the last one given
        double w = (width > insets ? width : getWidth()) - insets;
        measure.setFont(text.getFont());
        measure.setLineSpacing(text.getLineSpacing());
        measure.setWrappingWidth(Math.max(0, w));
        measure.setText(text.getText());
        return snappedTopInset() + Math.ceil(measure.getLayoutBounds().getHeight()) + snappedBottomInset();
    }

    @Override
    protected void layoutChildren() {
        text.setWrappingWidth(Math.max(0, getWidth() - snappedLeftInset() - snappedRightInset()));
        text.relocate(snappedLeftInset(), snappedTopInset());
    }
}
