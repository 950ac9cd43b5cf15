package io.inferdeck.views.dashboard;

import javafx.collections.ListChangeListener;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;

/**
 * A chart's key, under its plot: one swatch in the series' colour and its name per series, wrapping onto more lines
 * in a narrow card. It replaces JavaFX's own legend, which sits beside the x axis's last tick label ("now") when put
 * on the side and is dropped altogether when the plot would keep less than 200 × 150 px — as eight GPU series in a
 * 1280 px window's chart would. Swatches carry the chart's {@code default-colorN} class, so CSS colours them as the
 * lines. Shown while {@link LiveChart#keyShownProperty()} is true. FX thread only.
 */
final class ChartKey extends FlowPane {

    ChartKey(LiveChart chart) {
        super(10, 2);
        getStyleClass().add("chart-key");
        setId(chart.getId() + "-key");
        setMinWidth(0);
        visibleProperty().bind(chart.keyShownProperty());
        managedProperty().bind(visibleProperty());
        chart.getData().addListener((ListChangeListener<XYChart.Series<Number, Number>>) c -> show(chart));
        show(chart);
    }

    private void show(LiveChart chart) {
        getChildren().clear();
        for (int i = 0; i < chart.getData().size(); i++) {
            Region swatch = new Region();
            swatch.getStyleClass().addAll("chart-key-swatch", "default-color" + i % LiveChart.COLOURS);
            Label item = new Label(chart.getData().get(i).getName(), swatch);
            item.getStyleClass().add("chart-key-item");
            getChildren().add(item);
        }
    }
}
