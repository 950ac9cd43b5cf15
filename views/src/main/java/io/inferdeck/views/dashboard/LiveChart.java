package io.inferdeck.views.dashboard;

import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ObservableList;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.util.StringConverter;

/**
 * A quiet, bounded LineChart: animation and symbols off, x = seconds relative to "now" (the axis every
 * dashboard chart shares), series whose {@link XYChart.Data} objects are reused: a redraw rewrites
 * values in place and only adds or removes the difference in point count. FX thread only.
 */
final class LiveChart extends LineChart<Number, Number> {

    /** Series colours JavaFX cycles through ({@code default-color0..7}); the theme styles all eight. */
    static final int COLOURS = 8;

    private final ReadOnlyBooleanWrapper empty = new ReadOnlyBooleanWrapper(true);
    private final BooleanProperty keyShown = new SimpleBooleanProperty(false);

    LiveChart(String title, String id) {
        super(new NumberAxis(), new NumberAxis());
        setTitle(title);
        setId(id);
        setAnimated(false);
        setCreateSymbols(false);
        setLegendVisible(false);
        getStyleClass().addAll("deck-chart", "dashboard-chart");
        NumberAxis x = (NumberAxis) getXAxis();
        x.setAutoRanging(false);
        x.setAnimated(false);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number seconds) {
                double s = -seconds.doubleValue();
                if (s < 0.5) {
                    return "now";
                }
                return s >= 60 ? String.format(Locale.ROOT, "-%.0fm", s / 60) : String.format(Locale.ROOT, "-%.0fs", s);
            }

            @Override
            public Number fromString(String string) {
                throw new UnsupportedOperationException();
            }
        });
        NumberAxis y = (NumberAxis) getYAxis();
        y.setAnimated(false);
        y.setForceZeroInRange(true);
        setMinSize(120, 90);
    }

    /** Returns the chart's i-th series, creating it (named) on first use. */
    XYChart.Series<Number, Number> series(int i, String name) {
        while (getData().size() <= i) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(name);
            getData().add(s);
        }
        return getData().get(i);
    }

    /** True while no series has a point in the window (nobody reports the figure): the frame says so. */
    ReadOnlyBooleanProperty emptyProperty() {
        return empty.getReadOnlyProperty();
    }

    /** Call after a redraw's fills. */
    void refreshEmpty() {
        empty.set(getData().stream().allMatch(s -> s.getData().isEmpty()));
    }

    /** Whether the chart's {@link ChartKey} (its series' names under the plot) shows; JavaFX's own legend never does. */
    void legend(boolean visible) {
        keyShown.set(visible);
    }

    BooleanProperty keyShownProperty() {
        return keyShown;
    }

    /**
     * A percent-style axis from 0 to {@code limit} while every point lies within it (auto-ranging would round up past
     * it, to 150 % for a cache at 100 %); fitted to the data once a point exceeds it, so nothing is drawn off the plot.
     * Call after the redraw's fills.
     */
    void capAt(double limit) {
        NumberAxis y = (NumberAxis) getYAxis();
        boolean within = getData().stream().flatMap(s -> s.getData().stream())
                .allMatch(d -> d.getYValue().doubleValue() <= limit);
        y.setAutoRanging(!within);
        if (within) {
            y.setLowerBound(0);
            y.setUpperBound(limit);
            y.setTickUnit(limit / 4);
        }
    }

    /** Sets the shared time axis: the window's span in seconds, ending at 0 (= now). */
    void timeAxis(double spanSeconds) {
        NumberAxis x = (NumberAxis) getXAxis();
        x.setLowerBound(-spanSeconds);
        x.setUpperBound(0);
        // whole-unit ticks so labels never repeat: 10 s, 1 min, 3 min, 10 min
        x.setTickUnit(spanSeconds <= 60 ? 10 : spanSeconds <= 300 ? 60 : spanSeconds <= 900 ? 180 : 600);
    }

    /** Rewrites a series in place: x = seconds before {@code nowMillis}. */
    static void fill(XYChart.Series<Number, Number> series, List<TimeSeries.Point> points, long nowMillis) {
        ObservableList<XYChart.Data<Number, Number>> data = series.getData();
        if (data.size() > points.size()) {
            data.remove(points.size(), data.size());
        }
        for (int i = 0; i < points.size(); i++) {
            TimeSeries.Point p = points.get(i);
            double x = (p.atMillis() - nowMillis) / 1000.0;
            if (i < data.size()) {
                XYChart.Data<Number, Number> d = data.get(i);
                d.setXValue(x);
                d.setYValue(p.value());
            } else {
                data.add(new XYChart.Data<>(x, p.value()));
            }
        }
    }
}
