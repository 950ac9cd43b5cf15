package io.inferdeck.common.prom;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one exposition text says: its samples in file order, and the {@code # TYPE} and
 * {@code # HELP} of each family (keyed by family name, e.g. {@code foo} for {@code foo_bucket}).
 * Immutable.
 */
public record PromExposition(List<PromSample> samples, Map<String, PromType> types, Map<String, String> help) {

    public PromExposition {
        samples = List.copyOf(samples);
        types = Map.copyOf(types);
        help = Map.copyOf(help);
    }

    public Optional<PromType> type(String family) {
        return Optional.ofNullable(types.get(family));
    }

    public Optional<String> help(String family) {
        return Optional.ofNullable(help.get(family));
    }
}
