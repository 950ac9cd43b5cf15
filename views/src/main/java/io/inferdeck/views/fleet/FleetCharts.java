package io.inferdeck.views.fleet;

import io.inferdeck.services.fleet.FleetHistory;
import io.inferdeck.services.fleet.PromRange;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.TilePane;
import javafx.util.StringConverter;

/**
 * The Fleet page's history: one line chart per {@link FleetHistory.Trend}, x = local time, y in the trend's unit
 * (GiB for bytes, % for ratios). Redrawn whole when the history changes. FX thread only.
 */
final class FleetCharts extends TilePane {
    private final ZoneId zone;

    FleetCharts(ZoneId zone) {
        this.zone = zone;
        setId("fleet-charts");
        getStyleClass().add("fleet-charts");
        setPrefColumns(2);
    }

    void show(FleetHistory h) {
        getChildren().clear();
        if (h == null) {
            return;
        }
        for (FleetHistory.Trend t : h.trends()) {
            getChildren().add(chart(t, h));
        }
    }

    private LineChart<Number, Number> chart(FleetHistory.Trend t, FleetHistory h) {
        double scale = switch (t.unit()) {
            case "bytes" -> 1L << 30;
            case "ratio" -> 0.01;
            default -> 1;
        };
        String unit = switch (t.unit()) {
            case "bytes" -> "GiB";
            case "ratio" -> "%";
            default -> t.unit();
        };
        NumberAxis x = new NumberAxis(h.from().getEpochSecond(), h.to().getEpochSecond(), tick(Duration.between(h.from(), h.to())));
        x.setAutoRanging(false);
        x.setMinorTickVisible(false);
        DateTimeFormatter f = DateTimeFormatter.ofPattern(Duration.between(h.from(), h.to()).toHours() > 24 ? "EEE HH:mm" : "HH:mm", Locale.ROOT);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return f.format(Instant.ofEpochSecond(n.longValue()).atZone(zone));
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException();
            }
        });
        NumberAxis y = new NumberAxis();
        y.setLabel(unit);
        y.setForceZeroInRange(true);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("fleet-chart-" + t.id());
        chart.getStyleClass().addAll("deck-chart", "fleet-chart");
        chart.setTitle(t.title());
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setPrefSize(560, 280);
        for (FleetHistory.Line l : t.lines()) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(l.label());
            for (PromRange.Point p : l.points()) {
                s.getData().add(new XYChart.Data<>(p.at().getEpochSecond(), p.value() / scale));
            }
            chart.getData().add(s);
        }
        return chart;
    }

    /** About six ticks over the range. */
    private static double tick(Duration range) {
        return Math.max(60, range.toSeconds() / 6.0);
    }
}
