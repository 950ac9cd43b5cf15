package io.inferdeck.views.shell;

import io.inferdeck.styles.Theme;
import io.inferdeck.views.common.Icons;
import java.util.EnumMap;
import java.util.Map;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * Left navigation: brand, one item per {@link Section}, and the theme switch at the bottom.
 * Selection mirrors {@link ShellViewModel#sectionProperty()}; clicks go through the view-model.
 */
final class NavBar extends VBox {

    private final Map<Section, ToggleButton> items = new EnumMap<>(Section.class);

    /** @param about opens the About window; null = no About item */
    NavBar(ShellViewModel viewModel, Runnable about) {
        getStyleClass().add("nav-bar");
        getChildren().add(brand());

        Label group = new Label("CONSOLE");
        group.getStyleClass().add("nav-group-label");
        getChildren().add(group);

        ToggleGroup toggles = new ToggleGroup();
        for (Section section : Section.values()) {
            ToggleButton item = new ToggleButton(section.title(), Icons.icon(section.id()));
            item.setId("nav-" + section.id());
            item.getStyleClass().setAll("nav-item");          // drop stock button chrome
            item.setToggleGroup(toggles);
            item.setMaxWidth(Double.MAX_VALUE);
            item.setTooltip(new Tooltip(section.title() + "  (Ctrl+" + (section.ordinal() + 1) + ")"));
            // Clicking the selected item would deselect it; the view-model stays the source of truth.
            item.setOnAction(e -> {
                viewModel.select(section);
                syncSelection(viewModel.getSection());
            });
            items.put(section, item);
            getChildren().add(item);
        }
        viewModel.sectionProperty().addListener((obs, old, now) -> syncSelection(now));
        syncSelection(viewModel.getSection());

        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        getChildren().addAll(spacer, footer(viewModel, about));
    }

    private void syncSelection(Section selected) {
        items.forEach((section, item) -> item.setSelected(section == selected));
    }

    private static HBox brand() {
        StackPane mark = new StackPane(Icons.icon("brand"));
        mark.getStyleClass().add("nav-brand-mark");
        Label title = new Label("InferDeck");
        title.getStyleClass().add("nav-brand-title");
        Label subtitle = new Label("Local inference console");
        subtitle.getStyleClass().add("nav-brand-subtitle");
        HBox brand = new HBox(mark, new VBox(title, subtitle));
        brand.getStyleClass().add("nav-brand");
        return brand;
    }

    /** About (when the console offers it) and the theme switch, which shows the theme it switches TO. */
    private static VBox footer(ShellViewModel viewModel, Runnable about) {
        Button toggle = new Button();
        toggle.setId("theme-toggle");
        toggle.getStyleClass().setAll("nav-item");
        toggle.setMaxWidth(Double.MAX_VALUE);
        toggle.setTooltip(new Tooltip("Switch theme  (Ctrl+Shift+L)"));
        toggle.setOnAction(e -> viewModel.toggleTheme());
        toggle.textProperty().bind(viewModel.themeProperty().map(t -> t.toggled().displayName() + " theme"));
        toggle.graphicProperty().bind(viewModel.themeProperty().map(t -> Icons.icon(t == Theme.LIGHT ? "moon" : "sun")));
        VBox footer = new VBox(toggle);
        footer.getStyleClass().add("nav-footer");
        if (about != null) {
            Button info = new Button("About", Icons.icon("about"));
            info.setId("about-open");
            info.getStyleClass().setAll("nav-item");
            info.setMaxWidth(Double.MAX_VALUE);
            info.setTooltip(new Tooltip("Version, folders and plugins"));
            info.setOnAction(e -> about.run());
            footer.getChildren().addFirst(info);
        }
        return footer;
    }
}
