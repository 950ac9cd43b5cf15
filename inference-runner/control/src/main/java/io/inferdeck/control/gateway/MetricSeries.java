package io.inferdeck.control.gateway;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DataPoint;
import io.prometheus.metrics.core.metrics.StatefulMetric;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * The data points of one {@code (upstream, model, key)} label set, each looked up once and then kept: client_java
 * finds a labelled data point through a map keyed by the list of its label values, a cost paid on every
 * observation otherwise. A data point is created on its first use, so a series still appears on /metrics with its
 * first observation. Thread-safe: a race between two requests looks a data point up twice and gets the same one
 * (client_java keeps one per label values).
 */
final class MetricSeries {
    private final String[] labels;
    private final AtomicReferenceArray<DataPoint> points;
    /** requests_total by outcome and status, the labels after these three. */
    private final ConcurrentHashMap<Integer, CounterDataPoint> requests = new ConcurrentHashMap<>();

    MetricSeries(String upstream, String model, String key, int slots) {
        this.labels = new String[] {upstream, model, key};
        this.points = new AtomicReferenceArray<>(slots);
    }

    /** Slot {@code slot}'s data point of {@code family}, labelled with these three and then {@code more}. */
    @SuppressWarnings("unchecked")
    <P extends DataPoint> P point(int slot, StatefulMetric<P, ?> family, String... more) {
        DataPoint p = points.get(slot);
        if (p == null) {
            p = family.labelValues(with(more));
            points.set(slot, p);
        }
        return (P) p;
    }

    /** The requests counter's data point for {@code outcome} and {@code status}; {@code make} labels a new one. */
    CounterDataPoint requests(RequestRecord.Outcome outcome, int status, IntFunction<CounterDataPoint> make) {
        int k = outcome.ordinal() * 1000 + status;
        CounterDataPoint p = requests.get(k);
        return p != null ? p : requests.computeIfAbsent(k, make::apply);
    }

    String[] with(String... more) {
        String[] all = java.util.Arrays.copyOf(labels, labels.length + more.length);
        System.arraycopy(more, 0, all, labels.length, more.length);
        return all;
    }
}
