package io.inferdeck.views.safety;

import io.inferdeck.safety.review.ReviewItem;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Review-queue tab: pending items (masked text) and approve / block / relabel for the selected one. */
final class SafetyReviewPane extends VBox {

    SafetyReviewPane(ReviewModel model) {
        TableView<ReviewItem> table = new TableView<>(model.pending());
        table.setId("safety-review");
        table.setPlaceholder(new Label("Nothing waits for review."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(col("#", i -> Long.toString(i.id()), 50));
        table.getColumns().add(col("Queued", i -> i.createdAt().toString(), 170));
        table.getColumns().add(col("Side", ReviewItem::side, 60));
        table.getColumns().add(col("Category", ReviewItem::category, 110));
        table.getColumns().add(col("Score", i -> i.score().isPresent()
                ? String.format(java.util.Locale.ROOT, "%.3f", i.score().getAsDouble()) : "", 70));
        table.getColumns().add(col("Text (masked)", ReviewItem::text, 400));

        var selected = table.getSelectionModel().selectedItemProperty();
        Button approve = new Button("Approve (allow)");
        approve.setOnAction(e -> model.approve(selected.get()));
        Button block = new Button("Block");
        block.setOnAction(e -> model.block(selected.get()));
        TextField label = new TextField();
        label.setPromptText("category or benign");
        Button relabel = new Button("Relabel");
        relabel.setOnAction(e -> model.relabel(selected.get(), label.getText()));
        for (Button b : new Button[] {approve, block, relabel}) {
            b.disableProperty().bind(selected.isNull());
        }
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> model.refresh());
        Label summary = new Label();
        summary.getStyleClass().add("safety-hint");
        summary.textProperty().bind(model.summaryProperty());
        HBox actions = new HBox(approve, block, label, relabel, refresh, summary);
        actions.getStyleClass().add("safety-filters");
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().setAll(actions, table);
        getStyleClass().add("safety-pane");
    }

    private static TableColumn<ReviewItem, String> col(String title, Function<ReviewItem, String> f, double width) {
        TableColumn<ReviewItem, String> c = new TableColumn<>(title);
        c.setCellValueFactory(v -> new ReadOnlyStringWrapper(f.apply(v.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
