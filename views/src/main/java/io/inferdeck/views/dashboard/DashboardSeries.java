package io.inferdeck.views.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The Dashboard's bounded chart series by name: the engine series (sized by the scrape rate) and one GPU
 * memory series per GPU (sized by the GPU sampler's rate), with what a chart or an export reads of them.
 * A missing value is a gap, never a 0. FX thread only.
 */
final class DashboardSeries {
    /**
     * A chart never draws more than this per series (a chart is ~450 px wide at 1920x1080; the 1 h window,
     * 360 buckets + 60 raw, fits undecimated); CSV keeps all.
     */
    static final int MAX_CHART_POINTS = 480;
    static final String GPU_MEMORY_PREFIX = "gpu";

    private final double gpuRateHz;
    private final Map<String, TimeSeries> series = new LinkedHashMap<>();

    DashboardSeries(List<String> engineSeries, double metricsRateHz, double gpuRateHz) {
        this.gpuRateHz = gpuRateHz;
        engineSeries.forEach(name -> series.put(name, new TimeSeries(metricsRateHz)));
    }

    static String gpuSeriesName(int index) {
        return GPU_MEMORY_PREFIX + " " + index;
    }

    void record(String name, long atMillis, OptionalDouble value) {
        if (value.isPresent()) {
            series.get(name).add(atMillis, value.getAsDouble());
        }
    }

    void recordGpu(int index, long atMillis, double value) {
        series.computeIfAbsent(gpuSeriesName(index), k -> new TimeSeries(gpuRateHz)).add(atMillis, value);
    }

    /** The named series within {@code window} ending at {@code nowMillis}, oldest first, decimated for drawing. */
    List<TimeSeries.Point> points(String name, ChartWindow window, long nowMillis) {
        TimeSeries s = series.get(name);
        return s == null ? List.of() : decimate(s.points(window, nowMillis), MAX_CHART_POINTS);
    }

    List<String> gpuSeriesNames() {
        return series.keySet().stream().filter(k -> k.startsWith(GPU_MEMORY_PREFIX)).toList();
    }

    /** One row per (series, time) in the window: times as epoch ms, values in the series' units. */
    String csv(ChartWindow window, long nowMillis) {
        StringBuilder out = new StringBuilder("series,epoch_ms,value\n");
        series.forEach((name, s) -> {
            for (TimeSeries.Point p : s.points(window, nowMillis)) {
                out.append(name).append(',').append(p.atMillis()).append(',')
                        .append(String.format(Locale.ROOT, "%.6g", p.value())).append('\n');
            }
        });
        return out.toString();
    }

    int heldPoints() {
        return series.values().stream().mapToInt(TimeSeries::size).sum();
    }

    int maxPoints() {
        return series.values().stream().mapToInt(TimeSeries::maxSize).sum();
    }

    /** Averages runs of consecutive points so at most {@code max} remain (time = the run's mean). */
    static List<TimeSeries.Point> decimate(List<TimeSeries.Point> points, int max) {
        if (points.size() <= max) {
            return points;
        }
        int stride = (points.size() + max - 1) / max;
        List<TimeSeries.Point> out = new ArrayList<>(max);
        for (int i = 0; i < points.size(); i += stride) {
            int end = Math.min(points.size(), i + stride);
            double t = 0;
            double v = 0;
            for (int k = i; k < end; k++) {
                t += points.get(k).atMillis();
                v += points.get(k).value();
            }
            out.add(new TimeSeries.Point(Math.round(t / (end - i)), v / (end - i)));
        }
        return out;
    }
}
