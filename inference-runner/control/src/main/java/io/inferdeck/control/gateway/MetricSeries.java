package io.inferdeck.control.gateway;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.StatefulMetric;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

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

    /** Slot {@code slot}'s data point of {@code family}, labelled with these three. */
    <P extends DataPoint> P point(int slot, StatefulMetric<P, ?> family) {
        return point(slot, family, null);
    }

    /** Slot {@code slot}'s data point of {@code family}, labelled with these three and then {@code fourth} (unless null). */
    @SuppressWarnings("unchecked")
    <P extends DataPoint> P point(int slot, StatefulMetric<P, ?> family, String fourth) {
        DataPoint p = points.get(slot);
        if (p == null) {
            p = family.labelValues(fourth == null ? labels.clone() : with(fourth));
            points.set(slot, p);
        }
        return (P) p;
    }

    /** The data point of {@code family} (requests by outcome and status) for {@code outcome} and {@code status}. */
    CounterDataPoint requests(Counter family, RequestRecord.Outcome outcome, int status) {
        int k = outcome.ordinal() * 1000 + status;
        CounterDataPoint p = requests.get(k);
        return p != null ? p : requests.computeIfAbsent(k, x -> family.labelValues(with(outcome.label(), Integer.toString(status))));
    }

    private String[] with(String... more) {
        String[] all = java.util.Arrays.copyOf(labels, labels.length + more.length);
        System.arraycopy(more, 0, all, labels.length, more.length);
        return all;
    }
}
