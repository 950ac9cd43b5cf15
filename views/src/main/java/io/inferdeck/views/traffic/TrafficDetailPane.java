package io.inferdeck.views.traffic;

import io.inferdeck.control.gateway.RequestRecord;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The drill-down of the selected request: a one-line summary, its time as a bar of consecutive segments
 * (queued → to first token → streaming, widths in proportion) with the measured marks under it, the facts
 * (tokens, key, cache, safety, outcome) and the captured prompt and completion when the gateway kept them.
 */
final class TrafficDetailPane extends VBox {
    private final TrafficViewModel vm;
    private final Label header = new Label();
    private final TimingBar bar = new TimingBar();
    private final HBox legend = new HBox();
    private final Label timeline = new Label();
    private final GridPane facts = new GridPane();
    private final VBox captured = new VBox();

    TrafficDetailPane(TrafficViewModel vm) {
        this.vm = vm;
        setId("traffic-detail");
        getStyleClass().add("traffic-detail");
        header.getStyleClass().add("traffic-detail-header");
        legend.getStyleClass().add("traffic-legend");
        timeline.getStyleClass().add("traffic-timeline");
        timeline.setId("traffic-timeline");
        facts.getStyleClass().add("traffic-facts");
        captured.getStyleClass().add("traffic-captured");
        VBox timing = new VBox(bar, legend, timeline);
        timing.getStyleClass().add("traffic-timing");
        HBox.setHgrow(timing, Priority.ALWAYS);
        HBox row = new HBox(timing, facts);   // side by side: the drill-down stays short enough for a 720 px window
        row.getStyleClass().add("traffic-detail-row");
        getChildren().addAll(header, row, captured);
        vm.detailProperty().subscribe(this::show);
    }

    private void show(TrafficDetail d) {
        bar.show(d == null ? java.util.List.of() : d.segments());
        legend.getChildren().clear();
        facts.getChildren().clear();
        captured.getChildren().clear();
        boolean any = d != null;
        for (var n : new javafx.scene.Node[] {bar, legend, timeline, facts, captured}) {
            n.setVisible(any);
            n.setManaged(any);
        }
        if (d == null) {
            header.setText("Select a request to see its timing breakdown.");
            return;
        }
        RequestRecord r = d.entry().request();
        header.setText(r.status() + " " + r.outcome().label() + " · " + r.path() + " · " + r.model() + " · "
                + vm.time(r.at()));
        for (TrafficDetail.Segment s : d.segments()) {
            String label = s.label() + " " + TrafficText.ms(s.durationMs()) + " ms";
            Region swatch = new Region();
            swatch.getStyleClass().addAll("traffic-swatch", "traffic-segment-" + s.kind());
            Label key = new Label(label, swatch);
            key.getStyleClass().add("traffic-legend-item");
            legend.getChildren().add(key);
        }
        timeline.setText(d.timeline());
        fact(0, "Tokens", TrafficText.count(r.tokensIn()) + " in · " + TrafficText.count(r.tokensOut()) + " out"
                + (r.estimated() ? " (estimated: the engine sent no usage)" : " (reported by the engine)"));
        fact(1, "Key · upstream", TrafficText.label(r.keyId()) + " · " + TrafficText.label(r.upstream()));
        fact(2, "Cache", r.cacheHit() ? "hit: answered from the gateway's response cache" : "not from the cache");
        fact(3, "Safety", RequestRecord.NONE.equals(r.safety()) ? "no live filter ran" : r.safety());
        capture("Prompt (masked)", d.entry().prompt());
        capture("Completion (masked)", d.entry().completion());
        if (d.entry().prompt().isEmpty() && d.entry().completion().isEmpty()) {
            Label none = new Label("No prompt text captured (capture is off in the profile's gateway block).");
            none.getStyleClass().add("traffic-muted");
            none.setWrapText(true);
            captured.getChildren().add(none);
        }
    }

    private void fact(int row, String name, String value) {
        Label n = new Label(name);
        n.getStyleClass().add("traffic-fact-name");
        Label v = new Label(value);
        v.setWrapText(true);
        facts.addRow(row, n, v);
        GridPane.setHgrow(v, Priority.ALWAYS);
    }

    private void capture(String title, Optional<String> text) {
        if (text.isEmpty()) {
            return;
        }
        Label caption = new Label(title);
        caption.getStyleClass().add("traffic-fact-name");
        TextArea area = new TextArea(text.get());
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefRowCount(3);
        area.getStyleClass().add("traffic-text");
        captured.getChildren().addAll(caption, area);
    }
}
