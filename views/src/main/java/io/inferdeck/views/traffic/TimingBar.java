package io.inferdeck.views.traffic;

import java.util.List;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;

/**
 * A request's time as one horizontal bar of consecutive segments, each as wide as its share of the whole.
 * Lays its segments out itself: a layout pane with proportional constraints would size the whole bar from
 * its tiniest segment's minimum (a 0.5 ms queue in an 800 ms request would ask for thousands of pixels).
 */
final class TimingBar extends Region {
    private List<TrafficDetail.Segment> segments = List.of();

    TimingBar() {
        getStyleClass().add("traffic-bar");
        setId("traffic-bar");
    }

    void show(List<TrafficDetail.Segment> shown) {
        segments = List.copyOf(shown);
        getChildren().clear();
        for (TrafficDetail.Segment s : segments) {
            Region part = new Region();
            part.getStyleClass().addAll("traffic-segment", "traffic-segment-" + s.kind());
            Tooltip.install(part, new Tooltip(s.label() + " " + TrafficText.ms(s.durationMs()) + " ms"));
            getChildren().add(part);
        }
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        double total = segments.stream().mapToDouble(TrafficDetail.Segment::durationMs).sum();
        double x = snappedLeftInset();
        double width = getWidth() - snappedLeftInset() - snappedRightInset();
        double height = getHeight() - snappedTopInset() - snappedBottomInset();
        for (int i = 0; i < segments.size(); i++) {
            double share = total > 0 ? segments.get(i).durationMs() / total : 1.0 / segments.size();
            Region part = (Region) getChildren().get(i);
            double w = Math.max(part.minWidth(-1), share * width);   // a tiny segment stays visible (CSS min width)
            part.resizeRelocate(x, snappedTopInset(), Math.min(w, width + snappedLeftInset() - x), height);
            x += w;
        }
    }

    @Override
    protected double computeMinWidth(double height) {
        return 0;
    }

    @Override
    protected double computePrefWidth(double height) {
        return 0;   // as wide as its parent makes it
    }
}
