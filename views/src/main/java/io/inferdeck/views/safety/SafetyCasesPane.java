package io.inferdeck.views.safety;

import io.inferdeck.safety.Span;
import io.inferdeck.safety.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * Cases tab: category/outcome filters, the cases table, and a detail pane with the selected case's
 * prompt (flagged spans highlighted) and every stage's verdict.
 */
final class SafetyCasesPane extends SplitPane {

    private static final PseudoClass WRONG = PseudoClass.getPseudoClass("wrong");

    private final TextFlow prompt = new TextFlow();
    private final VBox verdicts = new VBox();
    private final Label header = new Label("Select a case to see its verdicts.");

    SafetyCasesPane(CasesModel model) {
        ComboBox<String> category = new ComboBox<>(model.categoryChoices());
        category.setId("safety-filter-category");
        category.valueProperty().bindBidirectional(model.categoryProperty());
        ComboBox<CaseRow.Outcome> outcome = new ComboBox<>();
        outcome.setId("safety-filter-outcome");
        outcome.getItems().add(null);
        outcome.getItems().addAll(CaseRow.Outcome.values());
        outcome.setPromptText("All outcomes");
        outcome.setButtonCell(new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(CaseRow.Outcome item, boolean empty) {
                super.updateItem(item, empty);
                setText(item == null ? "All outcomes" : item.toString());
            }
        });
        outcome.valueProperty().bindBidirectional(model.outcomeProperty());
        Label shown = new Label();
        shown.getStyleClass().add("safety-hint");
        model.rows().addListener((javafx.collections.ListChangeListener<CaseRow>) c ->
                shown.setText(model.rows().size() + " of " + model.totalRows() + " cases"));
        HBox filters = new HBox(new Label("Show"), category, outcome, shown);
        filters.getStyleClass().add("safety-filters");

        TableView<CaseRow> table = new TableView<>(model.rows());
        table.setId("safety-cases");
        table.setPlaceholder(new Label("No cases to show."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(col("Line", r -> Integer.toString(r.result().line()), 50));
        table.getColumns().add(col("Category", r -> r.result().category(), 110));
        table.getColumns().add(col("Expected", r -> r.result().expected().toString(), 80));
        table.getColumns().add(col("Actual", r -> r.result().actual().toString(), 80));
        TableColumn<CaseRow, String> outcomeCol = col("Outcome", r -> r.outcome().toString(), 110);
        outcomeCol.setCellFactory(c -> new TableCell<>() {
            {
                getStyleClass().add("safety-outcome");
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                pseudoClassStateChanged(WRONG, !empty && item != null && !CaseRow.Outcome.CORRECT.toString().equals(item));
            }
        });
        table.getColumns().add(outcomeCol);
        // The decisive stage only means something when a stage acted; an all-allow result names the first stage.
        table.getColumns().add(col("Stage", r -> r.result().actual() == io.inferdeck.safety.Decision.ALLOW
                ? "" : r.result().stage(), 90));
        table.getColumns().add(col("Reason", r -> r.result().reason(), 140));
        table.getColumns().add(col("Prompt (masked)", r -> r.result().safePrompt(), 260));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> model.select(b));
        VBox left = new VBox(filters, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        left.getStyleClass().add("safety-pane");

        header.getStyleClass().add("safety-detail-header");
        prompt.getStyleClass().add("safety-prompt");
        verdicts.getStyleClass().add("safety-verdicts");
        VBox detail = new VBox(header, prompt, new Label("Verdicts by stage"), verdicts);
        detail.getStyleClass().addAll("safety-pane", "safety-detail");
        detail.setId("safety-detail");
        ScrollPane scroll = new ScrollPane(detail);
        scroll.setFitToWidth(true);
        model.detailProperty().addListener((o, a, d) -> show(d));
        getItems().setAll(left, scroll);
        setDividerPositions(0.62);
    }

    private static TableColumn<CaseRow, String> col(String title, Function<CaseRow, String> f, double width) {
        TableColumn<CaseRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(v -> new ReadOnlyStringWrapper(f.apply(v.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private void show(CaseDetail d) {
        prompt.getChildren().clear();
        verdicts.getChildren().clear();
        if (d == null) {
            header.setText("Select a case to see its verdicts.");
            return;
        }
        var r = d.result();
        header.setText("Line " + r.line() + (r.id() == null ? "" : " · " + r.id()) + " · expected " + r.expected()
                + ", got " + r.actual() + (r.error() == null ? "" : " · error: " + r.error()));
        prompt.getChildren().setAll(highlighted(d.prompt(), d.spans()));
        for (Verdict v : d.verdicts()) {
            String reason = v.reason() == null || v.reason().isBlank() ? "" : " · " + v.reason();
            Label l = new Label(v.stage() + ": " + v.decision() + reason
                    + (v.category() == null ? "" : " · " + v.category())
                    + (v.spans().isEmpty() ? "" : " · " + v.spans().size() + " span(s)"));
            l.getStyleClass().addAll("safety-verdict", "decision-" + v.decision().toString());
            l.setWrapText(true);
            verdicts.getChildren().add(l);
        }
        if (d.verdicts().isEmpty()) {
            verdicts.getChildren().add(new Label("Not re-judged: the suite file is not loaded."));
        }
    }

    /** Plain text with each flagged span as its own styled Text; overlapping spans are merged. */
    static List<Text> highlighted(String text, List<Span> spans) {
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingInt(Span::start));
        List<Text> out = new ArrayList<>();
        int at = 0;
        for (Span s : sorted) {
            int start = Math.max(at, Math.min(s.start(), text.length()));
            int end = Math.min(s.end(), text.length());
            if (end <= start) {
                continue;
            }
            if (start > at) {
                out.add(plain(text.substring(at, start)));
            }
            Text t = new Text(text.substring(start, end));
            t.getStyleClass().addAll("safety-span-text", "safety-span");
            out.add(t);
            at = end;
        }
        if (at < text.length()) {
            out.add(plain(text.substring(at)));
        }
        return out;
    }

    private static Text plain(String s) {
        Text t = new Text(s);
        t.getStyleClass().add("safety-span-text");
        return t;
    }
}
