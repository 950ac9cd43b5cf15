package io.inferdeck.views.common;

import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * A card saying why a view is empty and what it will show: used instead of invented figures
 * whenever there is no real data (no engine, no GPU source, feature not built yet).
 */
public final class EmptyState extends VBox {

    /**
     * @param icon   icon name (see {@link Icons#icon})
     * @param title  one short sentence: the state ("No live data yet")
     * @param text   why it is empty and what would change that
     * @param points what the view shows once it has data; may be empty
     */
    public EmptyState(String icon, String title, String text, List<String> points) {
        getStyleClass().addAll("card", "empty-state");
        setMaxHeight(Region.USE_PREF_SIZE);

        StackPane badge = new StackPane(Icons.icon(icon));
        badge.getStyleClass().add("empty-state-badge");

        Label titleLabel = new Label(title);
        titleLabel.getStyleClass().add("empty-state-title");
        Label textLabel = new Label(text);
        textLabel.getStyleClass().add("empty-state-text");
        textLabel.setWrapText(true);
        getChildren().addAll(badge, titleLabel, textLabel);

        if (!points.isEmpty()) {
            VBox list = new VBox();
            list.getStyleClass().add("empty-state-points");
            for (String point : points) {
                Region bullet = new Region();
                bullet.getStyleClass().add("empty-state-bullet");
                Label label = new Label(point);
                label.setWrapText(true);
                HBox row = new HBox(bullet, label);
                row.getStyleClass().add("empty-state-point");
                list.getChildren().add(row);
            }
            getChildren().add(list);
        }
    }
}
