package io.inferdeck.views.common;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Frame shared by every section view: a header (title, one-line purpose) above the view's body.
 * Subclasses pass their body; the page gets node id {@code page-<id>} for tests and styling.
 */
public class SectionPage extends VBox {

    protected SectionPage(String id, String title, String subtitle, Node body) {
        setId("page-" + id);
        getStyleClass().add("page");

        Label titleLabel = new Label(title);
        titleLabel.getStyleClass().add("page-title");
        Label subtitleLabel = new Label(subtitle);
        subtitleLabel.getStyleClass().add("page-subtitle");
        VBox header = new VBox(titleLabel, subtitleLabel);
        header.getStyleClass().add("page-header");

        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().addAll(header, body);
    }
}
