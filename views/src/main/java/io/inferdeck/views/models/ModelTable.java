package io.inferdeck.views.models;

import io.inferdeck.gguf.ModelFacts;
import io.inferdeck.services.models.DiscoveredModel;
import java.util.OptionalLong;
import java.util.function.Function;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;

/**
 * The Models table: one row per model, columns sized to at least their header, numbers sorted as numbers; a row
 * whose file cannot be used is marked {@code :unusable} and says why in its last column.
 */
final class ModelTable {
    private static final PseudoClass UNUSABLE = PseudoClass.getPseudoClass("unusable");

    private ModelTable() {
    }

    static TableView<DiscoveredModel> build(ModelsViewModel vm) {
        SortedList<DiscoveredModel> sorted = new SortedList<>(vm.rows());
        TableView<DiscoveredModel> table = new TableView<>(sorted);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setId("models-table");
        table.getStyleClass().add("models-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No models found yet. Add a folder, or put a GGUF file in InferDeck's models folder."));
        table.getColumns().add(column("Name", 220, DiscoveredModel::name));
        table.getColumns().add(column("Source", 0, DiscoveredModel::store));
        table.getColumns().add(column("Architecture", 0, ModelText::architecture));
        table.getColumns().add(numeric("Params", ModelText::params, m -> m.facts().map(ModelFacts::parameters).orElse(OptionalLong.empty())));
        table.getColumns().add(column("Quant", 0, ModelText::quant));
        table.getColumns().add(numeric("Context", ModelText::context, m -> m.facts().map(ModelFacts::trainedContext).orElse(OptionalLong.empty())));
        table.getColumns().add(numeric("Size", ModelText::size, DiscoveredModel::sizeBytes));
        table.getColumns().add(column("Template", 0, ModelText::template));
        table.getColumns().add(column("Path", 260, m -> m.path().toString()));
        table.getColumns().add(column("Problem", 160, ModelText::notes));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(DiscoveredModel m, boolean empty) {
                super.updateItem(m, empty);
                pseudoClassStateChanged(UNUSABLE, !empty && m != null && !m.usable());
                setTooltip(empty || m == null ? null : new Tooltip(m.path() + m.problem().map(p -> "\n" + p).orElse("")));
            }
        });
        table.getSelectionModel().selectedItemProperty().subscribe(m -> {
            if (m != vm.selectedProperty().get()) {
                vm.selectedProperty().set(m);
            }
        });
        vm.selectedProperty().subscribe(m -> {
            if (m != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(m);
            }
        });
        return table;
    }

    private static TableColumn<DiscoveredModel, String> column(String title, double prefWidth, Function<DiscoveredModel, String> text) {
        TableColumn<DiscoveredModel, String> c = new TableColumn<>(title);
        c.setId("models-col-" + title.toLowerCase(java.util.Locale.ROOT));
        c.setCellValueFactory(f -> new SimpleStringProperty(text.apply(f.getValue())));
        fitHeader(c, prefWidth);
        return c;
    }

    /** Never narrower than the header's text with its padding and sort arrow, so no header is cut to "…". */
    private static void fitHeader(TableColumn<?, ?> c, double prefWidth) {
        Text probe = new Text(c.getText());
        probe.getStyleClass().add("models-header-probe");
        double header = probe.getLayoutBounds().getWidth() * 1.15 + 36;   // 1.15: the header font is bolder than the probe's
        c.setMinWidth(header);
        c.setPrefWidth(Math.max(header, prefWidth));
    }

    /** A column showing {@code text} but sorted by {@code value} (a file without the fact sorts first). */
    private static TableColumn<DiscoveredModel, Figure> numeric(String title, Function<DiscoveredModel, String> text,
                                                                Function<DiscoveredModel, OptionalLong> value) {
        TableColumn<DiscoveredModel, Figure> c = new TableColumn<>(title);
        c.setId("models-col-" + title.toLowerCase(java.util.Locale.ROOT));
        c.getStyleClass().add("models-number");
        c.setCellValueFactory(f -> new SimpleObjectProperty<>(new Figure(text.apply(f.getValue()), value.apply(f.getValue()).orElse(-1))));
        fitHeader(c, 0);
        return c;
    }

    /** Cell text that keeps the number it shows, so "19.3 MB" sorts as a size, not as a string. */
    private record Figure(String text, long key) implements Comparable<Figure> {
        @Override
        public int compareTo(Figure o) {
            return Long.compare(key, o.key);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
