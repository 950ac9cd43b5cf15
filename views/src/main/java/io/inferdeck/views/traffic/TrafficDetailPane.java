package io.inferdeck.views.traffic;

import io.inferdeck.control.gateway.RequestRecord;
import java.util.Optional;
import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
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
    private final GridPane bar = new GridPane();
    private final HBox legend = new HBox();
    private final Label timeline = new Label();
    private final GridPane facts = new GridPane();
    private final VBox captured = new VBox();

    TrafficDetailPane(TrafficViewModel vm) {
        this.vm = vm;
        setId("traffic-detail");
        getStyleClass().add("traffic-detail");
        header.getStyleClass().add("traffic-detail-header");
        bar.getStyleClass().add("traffic-bar");
        bar.setId("traffic-bar");
        legend.getStyleClass().add("traffic-legend");
        timeline.getStyleClass().add("traffic-timeline");
        timeline.setId("traffic-timeline");
        facts.getStyleClass().add("traffic-facts");
        captured.getStyleClass().add("traffic-captured");
        getChildren().addAll(header, bar, legend, timeline, facts, captured);
        vm.detailProperty().subscribe(this::show);
    }

    private void show(TrafficDetail d) {
        bar.getChildren().clear();
        bar.getColumnConstraints().clear();
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
        double total = d.segments().stream().mapToDouble(TrafficDetail.Segment::durationMs).sum();
        int i = 0;
        for (TrafficDetail.Segment s : d.segments()) {
            Region part = new Region();
            part.getStyleClass().addAll("traffic-segment", "traffic-segment-" + s.kind());
            String label = s.label() + " " + TrafficText.ms(s.durationMs()) + " ms";
            Tooltip.install(part, new Tooltip(label));
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(total > 0 ? 100 * s.durationMs() / total : 100.0 / d.segments().size());
            cc.setHalignment(HPos.LEFT);
            bar.getColumnConstraints().add(cc);
            bar.add(part, i++, 0);
            Region swatch = new Region();
            swatch.getStyleClass().addAll("traffic-swatch", "traffic-segment-" + s.kind());
            Label key = new Label(label, swatch);
            key.getStyleClass().add("traffic-legend-item");
            legend.getChildren().add(key);
        }
        timeline.setText(d.timeline());
        fact(0, "Tokens in / out", TrafficText.count(r.tokensIn()) + " / " + TrafficText.count(r.tokensOut())
                + (r.estimated() ? " (estimated by the gateway: the engine sent no usage)" : " (reported by the engine)"));
        fact(1, "Key · upstream", TrafficText.label(r.keyId()) + " · " + TrafficText.label(r.upstream()));
        fact(2, "Cache", r.cacheHit() ? "hit: answered from the gateway's response cache" : "not from the cache");
        fact(3, "Safety", RequestRecord.NONE.equals(r.safety()) ? "no live filter ran" : r.safety());
        capture("Prompt (masked)", d.entry().prompt());
        capture("Completion (masked)", d.entry().completion());
        if (d.entry().prompt().isEmpty() && d.entry().completion().isEmpty()) {
            Label none = new Label("No text captured: the gateway keeps prompts only while the profile's gateway block turns capture on.");
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
