package io.inferdeck.views.fleet;

import io.inferdeck.views.common.SectionPage;
import io.inferdeck.views.shell.Section;
import java.time.Duration;
import java.time.ZoneId;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.beans.property.SimpleStringProperty;
import javafx.util.StringConverter;

/**
 * The Fleet section: Prometheus URL, range and node pickers, the firing alerts, the engines and GPUs tables (a row
 * click narrows the page to its node) and the history charts, all in one vertical scroll.
 */
public final class FleetView extends SectionPage {
    private static final double ROW = 26;

    public FleetView(FleetViewModel vm, ZoneId zone) {
        super(Section.FLEET.id(), Section.FLEET.title(),
                "Many nodes through Prometheus: GPUs, engines, SLOs and alerts, with history that survives restarts.", body(vm, zone));
    }

    private static ScrollPane body(FleetViewModel vm, ZoneId zone) {
        Label summary = label("fleet-summary", "fleet-summary");
        summary.textProperty().bind(vm.summaryProperty());
        Label message = label("fleet-message", "fleet-message");
        message.textProperty().bind(vm.messageProperty());
        ListView<String> alerts = new ListView<>(vm.alerts());
        alerts.setId("fleet-alerts");
        alerts.getStyleClass().add("fleet-alerts");
        fit(alerts, vm.alerts(), 0);
        alerts.visibleProperty().bind(Bindings.isNotEmpty(vm.alerts()));
        alerts.managedProperty().bind(alerts.visibleProperty());
        TableView<FleetRows.Engine> engines = engines(vm);
        TableView<FleetRows.Gpu> gpus = gpus(vm);
        FleetCharts charts = new FleetCharts(zone);
        vm.historyProperty().subscribe(charts::show);
        VBox box = new VBox(toolbar(vm), message, summary, alerts, caption("Engines"), engines, caption("GPUs"), gpus,
                caption("History"), charts);
        box.getStyleClass().addAll("card", "fleet-card");
        ScrollPane scroll = new ScrollPane(box);
        scroll.setId("fleet-scroll");
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("fleet-scroll");
        return scroll;
    }

    private static HBox toolbar(FleetViewModel vm) {
        TextField url = new TextField();
        url.setId("fleet-url");
        url.setPromptText("Prometheus, e.g. http://127.0.0.1:9090");
        url.textProperty().bindBidirectional(vm.urlProperty());
        url.setOnAction(e -> vm.refresh());
        HBox.setHgrow(url, Priority.ALWAYS);
        ChoiceBox<Duration> range = new ChoiceBox<>();
        range.setId("fleet-range");
        range.getItems().setAll(FleetViewModel.RANGES);
        range.valueProperty().bindBidirectional(vm.rangeProperty());
        range.setConverter(new StringConverter<>() {
            @Override
            public String toString(Duration d) {
                return d == null ? "" : d.toDays() >= 1 ? d.toDays() + (d.toDays() == 1 ? " day" : " days")
                        : d.toHours() >= 1 ? d.toHours() + " h" : d.toMinutes() + " min";
            }

            @Override
            public Duration fromString(String s) {
                throw new UnsupportedOperationException();
            }
        });
        range.setOnAction(e -> vm.refresh());
        ChoiceBox<String> node = new ChoiceBox<>(vm.nodes());
        node.setId("fleet-node");
        node.valueProperty().bindBidirectional(vm.nodeProperty());
        Button refresh = new Button("Refresh");
        refresh.setId("fleet-refresh");
        refresh.getStyleClass().add("accent");
        refresh.setMinWidth(Region.USE_PREF_SIZE);
        refresh.setOnAction(e -> vm.refresh());
        HBox bar = new HBox(url, range, node, refresh);
        bar.getStyleClass().add("fleet-toolbar");
        return bar;
    }

    private static TableView<FleetRows.Engine> engines(FleetViewModel vm) {
        TableView<FleetRows.Engine> t = table("fleet-engines", vm.engines());
        t.getColumns().add(column("Node", FleetRows.Engine::node));
        t.getColumns().add(column("Instance", FleetRows.Engine::instance));
        t.getColumns().add(column("Kind", FleetRows.Engine::flavor));
        t.getColumns().add(column("QPS", FleetRows.Engine::qps));
        t.getColumns().add(column("E2E P95 / P99", FleetRows.Engine::e2e));
        t.getColumns().add(column("TTFT P95 / P99", FleetRows.Engine::ttft));
        t.getColumns().add(column("KV cache", FleetRows.Engine::kvCache));
        t.getColumns().add(column("Queue", FleetRows.Engine::queue));
        t.getColumns().add(column("SLO", FleetRows.Engine::slo));
        t.setRowFactory(v -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(FleetRows.Engine e, boolean empty) {
                super.updateItem(e, empty);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("firing"), !empty && e != null && e.firing());
            }
        });
        t.getSelectionModel().selectedItemProperty().addListener((o, b, e) -> {
            if (e != null) {
                vm.select(e.node());
            }
        });
        return t;
    }

    private static TableView<FleetRows.Gpu> gpus(FleetViewModel vm) {
        TableView<FleetRows.Gpu> t = table("fleet-gpus", vm.gpus());
        t.getColumns().add(column("Node", FleetRows.Gpu::node));
        t.getColumns().add(column("GPU", FleetRows.Gpu::gpu));
        t.getColumns().add(column("Exporter", FleetRows.Gpu::exporter));
        t.getColumns().add(column("Memory used / total", FleetRows.Gpu::memory));
        t.getColumns().add(column("Util", FleetRows.Gpu::utilization));
        t.getColumns().add(column("Power", FleetRows.Gpu::power));
        t.getColumns().add(column("Temp", FleetRows.Gpu::temperature));
        t.getColumns().add(column("Engines on the node", FleetRows.Gpu::engines));
        t.getSelectionModel().selectedItemProperty().addListener((o, b, g) -> {
            if (g != null) {
                vm.select(g.node());
            }
        });
        return t;
    }

    /** A table as tall as its rows (the page scrolls, not the table). */
    private static <T> TableView<T> table(String id, ObservableList<T> rows) {
        TableView<T> t = new TableView<>(rows);
        t.setId(id);
        t.getStyleClass().add("fleet-table");
        t.setFixedCellSize(ROW);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        fit(t, rows, 1);
        return t;
    }

    private static void fit(Region r, ObservableList<?> rows, int header) {
        Runnable size = () -> {
            double h = (Math.max(1, rows.size()) + header) * ROW + 6;
            r.setMinHeight(h);
            r.setPrefHeight(h);
            r.setMaxHeight(h);
        };
        rows.addListener((ListChangeListener<Object>) c -> size.run());
        size.run();
    }

    private static <T> TableColumn<T, String> column(String title, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new SimpleStringProperty(value.apply(d.getValue())));
        c.setSortable(false);
        return io.inferdeck.views.common.Fit.headerWidth(c);   // a header is never cut (ConsoleFitUiTest at 1280x720)
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("fleet-caption");
        return l;
    }

    private static Label label(String id, String style) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(style);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }
}
