package io.inferdeck.views.models;

import io.inferdeck.views.common.Fit;
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

/**
 * The Models table: one row per model, each column sized to its header and content (a horizontal scroll bar, never
 * a cut header), numbers sorted as numbers; a row whose file cannot be used is marked {@code :unusable} and says why
 * in its Problem column.
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
        // columns as wide as their header and content (up to a cap); a horizontal scroll bar rather than "…"
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("No models found yet. Add a folder, or put a GGUF file in InferDeck's models folder."));
        table.getColumns().add(column("Name", DiscoveredModel::name));
        table.getColumns().add(column("Source", DiscoveredModel::store));
        table.getColumns().add(column("Architecture", ModelText::architecture));
        table.getColumns().add(numeric("Params", ModelText::params, m -> m.facts().map(ModelFacts::parameters).orElse(OptionalLong.empty())));
        table.getColumns().add(column("Quant", ModelText::quant));
        table.getColumns().add(numeric("Context", ModelText::context, m -> m.facts().map(ModelFacts::trainedContext).orElse(OptionalLong.empty())));
        table.getColumns().add(numeric("Size", ModelText::size, DiscoveredModel::sizeBytes));
        table.getColumns().add(column("Template", ModelText::template));
        table.getColumns().add(column("Problem", ModelText::notes));
        table.getColumns().add(column("Path", m -> m.path().toString()));
        vm.rows().subscribe(() -> fitToContent(table));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(DiscoveredModel m, boolean empty) {
                super.updateItem(m, empty);
                pseudoClassStateChanged(UNUSABLE, !empty && m != null && !m.usable());
                // a cell cut at the column cap ("…") is read here in full: name, path, problem
                setTooltip(empty || m == null ? null : new Tooltip(m.name() + "\n" + m.path() + m.problem().map(p -> "\n" + p).orElse("")));
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

    private static TableColumn<DiscoveredModel, String> column(String title, Function<DiscoveredModel, String> text) {
        TableColumn<DiscoveredModel, String> c = new TableColumn<>(title);
        c.setId("models-col-" + title.toLowerCase(java.util.Locale.ROOT));
        c.setCellValueFactory(f -> new SimpleStringProperty(text.apply(f.getValue())));
        c.setUserData(text);
        return Fit.headerWidth(c);
    }

    private static final double MAX_WIDTH = 560;

    /** Each column as wide as its widest cell (at most {@link #MAX_WIDTH}) and never narrower than its header. */
    @SuppressWarnings("unchecked")
    private static void fitToContent(TableView<DiscoveredModel> table) {
        for (TableColumn<DiscoveredModel, ?> c : table.getColumns()) {
            Function<DiscoveredModel, String> text = (Function<DiscoveredModel, String>) c.getUserData();
            double widest = table.getItems().stream().mapToDouble(m -> Fit.textWidth(text.apply(m))).max().orElse(0) + Fit.CELL_PADDING;
            c.setPrefWidth(Math.max(c.getMinWidth(), Math.min(MAX_WIDTH, widest)));
        }
    }

    /** A column showing {@code text} but sorted by {@code value} (a file without the fact sorts first). */
    private static TableColumn<DiscoveredModel, Figure> numeric(String title, Function<DiscoveredModel, String> text,
                                                                Function<DiscoveredModel, OptionalLong> value) {
        TableColumn<DiscoveredModel, Figure> c = new TableColumn<>(title);
        c.setId("models-col-" + title.toLowerCase(java.util.Locale.ROOT));
        c.getStyleClass().add("models-number");
        c.setCellValueFactory(f -> new SimpleObjectProperty<>(new Figure(text.apply(f.getValue()), value.apply(f.getValue()).orElse(-1))));
        c.setUserData(text);
        return Fit.headerWidth(c);
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
