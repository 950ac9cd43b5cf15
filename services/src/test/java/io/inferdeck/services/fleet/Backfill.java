package io.inferdeck.services.fleet;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Collectors;

/**
 * Prometheus history made without waiting: series defined as functions of time (epoch seconds) are written as an
 * OpenMetrics file, one sample per series every {@code every} on epoch-aligned times, and turned into TSDB blocks by
 * Prometheus' own backfill, {@code promtool tsdb create-blocks-from openmetrics FILE DATA_DIR}; a Prometheus started
 * on {@code DATA_DIR} then answers range queries over that history. Samples of a family are written together, as
 * OpenMetrics requires.
 */
final class Backfill {
    private record Series(String sample, Map<String, String> labels, DoubleUnaryOperator at) {
    }

    private final Map<String, String> types = new LinkedHashMap<>();
    private final Map<String, List<Series>> families = new LinkedHashMap<>();

    /** A counter family: its sample is {@code family_total}, {@code total} the count so far at each time. */
    Backfill counter(String family, Map<String, String> labels, DoubleUnaryOperator total) {
        return add(family, "counter", new Series(family + "_total", labels, total));
    }

    Backfill gauge(String name, Map<String, String> labels, DoubleUnaryOperator value) {
        return add(name, "gauge", new Series(name, labels, value));
    }

    /**
     * A histogram family whose observations so far are {@code count(t)}, of which the share {@code cumulative[i]} is
     * at most {@code les[i]} seconds (the last share 1: every observation fits {@code +Inf}), each {@code mean} seconds on average.
     */
    Backfill histogram(String family, Map<String, String> labels, DoubleUnaryOperator count, double[] les, double[] cumulative, double mean) {
        for (int i = 0; i < les.length; i++) {
            double share = cumulative[i];
            add(family, "histogram", new Series(family + "_bucket", with(labels, "le", le(les[i])), t -> count.applyAsDouble(t) * share));
        }
        add(family, "histogram", new Series(family + "_bucket", with(labels, "le", "+Inf"), count));
        add(family, "histogram", new Series(family + "_count", labels, count));
        return add(family, "histogram", new Series(family + "_sum", labels, t -> count.applyAsDouble(t) * mean));
    }

    /** Writes every series from {@code from} to {@code to} (both rounded down to {@code every}). */
    void write(Path file, Instant from, Instant to, Duration every) throws IOException {
        long step = every.toSeconds();
        long first = from.getEpochSecond() / step * step, last = to.getEpochSecond() / step * step;
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (var f : families.entrySet()) {
                w.write("# TYPE " + f.getKey() + " " + types.get(f.getKey()) + "\n");
                for (Series s : f.getValue()) {
                    String name = s.sample() + labels(s.labels()) + " ";
                    for (long t = first; t <= last; t += step) {
                        w.write(name + String.format(Locale.ROOT, "%.6f", s.at().applyAsDouble(t)) + " " + t + "\n");
                    }
                }
            }
            w.write("# EOF\n");
        }
    }

    /** Prometheus' backfill: blocks for {@code file} into {@code data} (a Prometheus' {@code --storage.tsdb.path}). */
    static void createBlocks(Path promtool, Path file, Path data) throws IOException, InterruptedException {
        Files.createDirectories(data);
        Promtool.Result r = Promtool.run(promtool, "tsdb", "create-blocks-from", "openmetrics", file.toString(), data.toString());
        if (r.exit() != 0) {
            throw new IOException("promtool tsdb create-blocks-from openmetrics failed (" + r.exit() + "):\n" + r.output());
        }
    }

    /**
     * A day's load: {@code base * (1 + 0.5 sin(2 pi t / 1 day))} requests per second, and its exact integral (the
     * counter), so the rate Prometheus computes between two samples can be checked against the count itself.
     */
    static DoubleUnaryOperator dailyCount(double base) {
        double day = 86_400, k = 2 * Math.PI / day;
        return t -> base * (t + 0.5 / k * (1 - Math.cos(k * t)));
    }

    /** The same load with a phase: busy at another hour. */
    static DoubleUnaryOperator dailyLevel(double low, double high, double phaseHours) {
        double k = 2 * Math.PI / 86_400;
        return t -> low + (high - low) * (0.5 + 0.5 * Math.sin(k * (t + phaseHours * 3600)));
    }

    private Backfill add(String family, String type, Series s) {
        types.putIfAbsent(family, type);
        families.computeIfAbsent(family, k -> new ArrayList<>()).add(s);
        return this;
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> m = new TreeMap<>(labels);
        m.put(key, value);
        return m;
    }

    private static String le(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.1f", v) : Double.toString(v);
    }

    private static String labels(Map<String, String> labels) {
        return new TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue().replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\"").collect(Collectors.joining(",", "{", "}"));
    }
}
