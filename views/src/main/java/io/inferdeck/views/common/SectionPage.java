package io.inferdeck.views.common;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Frame shared by every section view: a header (title, one-line purpose) above the view's body.
 * Subclasses pass their body; the page gets node id {@code page-<id>} for tests and styling.
 *
 * <p>The body fills the space below the header and scrolls vertically when the window is lower than the body's
 * minimum height, so a small window scrolls the page instead of crushing charts and tables or pushing the status bar
 * off-screen. A body wider than the window shows a horizontal bar: a layout bug the layout test reports.
 */
public class SectionPage extends VBox {

    protected SectionPage(String id, String title, String subtitle, Node body) {
        setId("page-" + id);
        getStyleClass().add("page");

        Label titleLabel = new Label(title);
        titleLabel.getStyleClass().add("page-title");
        Label subtitleLabel = new Label(subtitle);
        subtitleLabel.getStyleClass().add("page-subtitle");
        subtitleLabel.setWrapText(true);
        VBox header = new VBox(titleLabel, subtitleLabel);
        header.getStyleClass().add("page-header");

        ScrollPane scroll = new ScrollPane(body);
        scroll.getStyleClass().add("page-scroll");
        scroll.setFitToWidth(true);    // as wide as the page; as high as the page unless the body needs more
        scroll.setFitToHeight(true);
        scroll.setMinHeight(0);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(header, scroll);
    }
}
