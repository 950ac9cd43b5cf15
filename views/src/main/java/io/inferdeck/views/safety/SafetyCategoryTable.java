package io.inferdeck.views.safety;

import io.inferdeck.views.common.Fit;
import io.inferdeck.safety.report.CategoryStats;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Per-category statistics of the shown report: count, blocked, allowed, precision, recall, F1. */
final class SafetyCategoryTable extends TableView<CategoryStats> {

    SafetyCategoryTable(ObservableList<CategoryStats> rows) {
        super(rows);
        setId("safety-categories");
        setPlaceholder(new Label("Run a suite to see per-category results."));
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<CategoryStats, String> category = new TableColumn<>("Category");
        category.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().category()));
        getColumns().add(Fit.tooltipCells(Fit.headerWidth(category)));
        getColumns().add(count("Cases", CategoryStats::count));
        getColumns().add(count("Blocked", CategoryStats::blocked));
        getColumns().add(count("Allowed", CategoryStats::allowed));
        getColumns().add(ratio("Precision", CategoryStats::precision));
        getColumns().add(ratio("Recall", CategoryStats::recall));
        getColumns().add(ratio("F1", CategoryStats::f1));
    }

    private static TableColumn<CategoryStats, Number> count(String title, Function<CategoryStats, Integer> f) {
        TableColumn<CategoryStats, Number> col = new TableColumn<>(title);
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(f.apply(c.getValue())));
        col.getStyleClass().add("numeric");
        return Fit.headerWidth(col, "9999");   // a suite of thousands of cases still reads
    }

    private static TableColumn<CategoryStats, String> ratio(String title, Function<CategoryStats, Double> f) {
        TableColumn<CategoryStats, String> col = new TableColumn<>(title);
        col.setCellValueFactory(c -> new ReadOnlyStringWrapper(Format.ratio(f.apply(c.getValue()))));
        col.getStyleClass().add("numeric");
        return Fit.headerWidth(col, Format.ratio(0.888));   // every ratio has this shape ("0.750", "1.000")
    }
}
