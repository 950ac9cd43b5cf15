package io.inferdeck.control.metrics;

import io.inferdeck.common.prom.PromSample;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Picks one number out of a scrape: the first of {@code names} present (newer name first, older
 * after), its series filtered by {@code label} in {@code values} (no filter when label is null),
 * combined by sum (counters, request gauges) or mean (ratios such as KV usage).
 * A present family with no matching series reads 0 (e.g. no error yet); an absent family reads
 * empty, i.e. "not available". NaN samples are skipped.
 */
public record Selector(List<String> names, String label, Set<String> values, boolean mean) {

    public static Selector sum(String... names) {
        return new Selector(List.of(names), null, Set.of(), false);
    }

    public static Selector mean(String... names) {
        return new Selector(List.of(names), null, Set.of(), true);
    }

    public static Selector sumWhere(String name, String label, String... values) {
        return new Selector(List.of(name), label, Set.of(values), false);
    }

    public OptionalDouble read(ParsedMetrics m) {
        for (String name : names) {
            if (!m.has(name)) {
                continue;
            }
            var values = m.series(name).stream()
                    .filter(this::matches)
                    .mapToDouble(PromSample::value).filter(v -> !Double.isNaN(v));
            if (!mean) {
                return OptionalDouble.of(values.sum());
            }
            return values.average();
        }
        return OptionalDouble.empty();
    }

    /** A series without the filtered label does not match (immutable sets refuse a null lookup). */
    private boolean matches(PromSample s) {
        if (label == null) {
            return true;
        }
        String v = s.label(label);
        return v != null && values.contains(v);
    }
}
