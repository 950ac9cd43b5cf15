package io.inferdeck.services.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Bounded waits on what a real Prometheus has scraped: polls its query API (every 200 ms) instead of sleeping
 * for a guessed time, and fails with the condition's name when {@code limit} passes.
 */
final class PromWait {
    private final PrometheusClient client;
    private final Duration limit;

    PromWait(PrometheusClient client, Duration limit) {
        this.client = client;
        this.limit = limit;
    }

    interface Check {
        boolean met() throws Exception;
    }

    void until(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!check.met()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            Thread.sleep(200);
        }
    }

    /**
     * Waits until Prometheus' latest sample of {@code sum by (instance) (expr)} equals {@code values} for every
     * instance, then for {@code moreScrapes} further scrapes of each. Returns per instance the time of a sample
     * already holding the value: the plateau reaches back at least that far.
     */
    Map<String, Instant> plateau(String expr, Map<String, Double> values, int moreScrapes) throws Exception {
        until("Prometheus holds " + values + " for " + expr, () -> values.entrySet().stream()
                .allMatch(v -> value(expr, v.getKey()) == v.getValue()));
        Map<String, Instant> from = new HashMap<>();
        for (String instance : values.keySet()) {
            from.put(instance, lastSample(expr, instance));
        }
        until(moreScrapes + " more scrapes", () -> from.entrySet().stream()
                .allMatch(f -> !lastSample(expr, f.getKey()).isBefore(f.getValue().plusSeconds(moreScrapes))));
        until("Prometheus still holds " + values, () -> values.entrySet().stream()
                .allMatch(v -> value(expr, v.getKey()) == v.getValue()));
        return from;
    }

    /** The timestamp (ms) of the latest sample of {@code expr} from {@code instance}. */
    Instant lastSample(String expr, String instance) {
        double seconds = scalar("max by (instance) (timestamp(" + expr + "))", instance);
        return Instant.ofEpochMilli(Math.round(seconds * 1000));
    }

    private double value(String expr, String instance) {
        return scalar("sum by (instance) (" + expr + ")", instance);
    }

    private double scalar(String promql, String instance) {
        try {
            return client.query(promql, Instant.now()).stream().filter(s -> s.label("instance").equals(instance))
                    .findFirst().flatMap(s -> s.value().isPresent() ? java.util.Optional.of(s.value().getAsDouble())
                            : java.util.Optional.empty()).orElse(Double.NaN);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
