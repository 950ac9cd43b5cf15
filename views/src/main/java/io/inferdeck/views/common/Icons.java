package io.inferdeck.views.common;

import javafx.scene.layout.Region;

/** Icon nodes: an empty Region whose glyph (an SVG path) and colour come from components/icons.css. */
public final class Icons {

    private Icons() {
    }

    /** An icon for {@code name}; the stylesheet must define {@code .icon-<name>}. */
    public static Region icon(String name) {
        Region icon = new Region();
        icon.getStyleClass().addAll("icon", "icon-" + name);
        return icon;
    }
}
