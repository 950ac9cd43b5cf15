package io.inferdeck.safety.pipeline;

import io.inferdeck.safety.Stage;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which stages run on one side: every stage the pipeline has ({@link #all()}, {@code everyStage}), or
 * exactly the {@code named} ones. Parsing checks only the syntax of ids, since the stages are not known
 * until a pipeline is built; the pipeline then checks the names against its stages ({@link #requireKnown}).
 * Immutable.
 */
public record StageSwitches(boolean everyStage, Set<Stage> named) {
    public StageSwitches {
        named = everyStage ? Set.of() : Set.copyOf(named);
    }

    public static StageSwitches all() {
        return new StageSwitches(true, Set.of());
    }

    public static StageSwitches none() {
        return new StageSwitches(false, Set.of());
    }

    public static StageSwitches of(Collection<Stage> stages) {
        return new StageSwitches(false, Set.copyOf(stages));
    }

    public boolean on(Stage s) {
        return everyStage || named.contains(s);
    }

    /** Stable text like "blocklist,pii": the stages of {@code order} that are on, in that (pipeline) order. */
    public String describe(List<Stage> order) {
        return order.stream().filter(this::on).map(Stage::wire).collect(Collectors.joining(","));
    }

    /**
     * @param side what to call this switch set in the message ("input", "output")
     * @throws IllegalArgumentException naming the first unknown stage and listing the {@code known} ones
     */
    public void requireKnown(List<Stage> known, String side) {
        for (Stage s : named) {
            if (!known.contains(s)) {
                String offered = known.stream().map(Stage::wire).collect(Collectors.joining(", "));
                throw new IllegalArgumentException("unknown stage '" + s.wire() + "' in the " + side
                        + " stages; the pipeline has: " + offered);
            }
        }
    }

    /** Parses "normalize,blocklist,pii,classifier" (or "all" / "none"); names are trimmed and lower-cased. */
    public static StageSwitches parse(String spec) {
        String s = spec.trim();
        if (s.equalsIgnoreCase("all")) {
            return all();
        }
        if (s.isEmpty() || s.equalsIgnoreCase("none")) {
            return none();
        }
        Set<Stage> e = new LinkedHashSet<>();
        for (String part : s.split(",")) {
            e.add(Stage.parse(part));
        }
        return of(e);
    }
}
