package io.inferdeck.views.about;

import io.inferdeck.common.plugin.PluginEntry;
import io.inferdeck.services.about.AboutInfo;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * About InferDeck: version, git commit, llama.cpp build and Java runtime; the data, config, log and plugin
 * folders, each with Open; and every plugin with its kind, what it provides, its jar and its state (refused
 * ones with the reason). A window of its own (the composition root shows it), not a page: it holds no live
 * state and needs no place in the navigation.
 */
public final class AboutView extends VBox {

    public AboutView(AboutViewModel vm) {
        getStyleClass().add("about");
        setId("about");
        Label title = new Label("InferDeck");
        title.getStyleClass().add("page-title");
        VBox facts = new VBox();
        facts.getStyleClass().add("about-facts");
        vm.versionLines().forEach(line -> {
            Label l = new Label(line);
            l.getStyleClass().add("about-fact");
            facts.getChildren().add(l);
        });
        Label message = new Label();
        message.setId("about-message");
        message.getStyleClass().add("about-message");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        TableView<PluginEntry> plugins = plugins(vm);
        VBox.setVgrow(plugins, Priority.ALWAYS);
        getChildren().addAll(title, facts, section("Folders"), folders(vm), message, section("Plugins"), plugins);
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("about-section");
        return l;
    }

    private static GridPane folders(AboutViewModel vm) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("about-folders");
        int row = 0;
        for (AboutInfo.Folder f : vm.folders()) {
            Label label = new Label(f.label());
            label.getStyleClass().add("about-key");
            Label path = new Label(f.path().toString());
            path.getStyleClass().add("about-path");
            grid.addRow(row, label, path);
            if (vm.canOpenFolders()) {
                Button open = new Button("Open");
                open.setId("about-open-" + row);
                open.setOnAction(e -> vm.open(f));
                grid.add(open, 2, row);
            }
            row++;
        }
        return grid;
    }

    private static TableView<PluginEntry> plugins(AboutViewModel vm) {
        TableView<PluginEntry> table = new TableView<>(FXCollections.observableArrayList(vm.plugins()));
        table.setId("about-plugins");
        table.getStyleClass().add("about-plugins");
        table.setPlaceholder(new Label("No plugins installed. Put plugin jars in the Plugins folder (docs/plugins.md)."));
        table.getColumns().add(column("Name", PluginEntry::plugin));
        table.getColumns().add(column("Version", e -> e.version().orElse("—")));
        table.getColumns().add(column("Kind", PluginEntry::kind));
        table.getColumns().add(column("Provides", PluginEntry::provides));
        table.getColumns().add(column("State", PluginEntry::stateText));
        table.getColumns().add(column("Jar", PluginEntry::source));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return table;
    }

    private static TableColumn<PluginEntry, String> column(String title, Function<PluginEntry, String> value) {
        TableColumn<PluginEntry, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return c;
    }
}
