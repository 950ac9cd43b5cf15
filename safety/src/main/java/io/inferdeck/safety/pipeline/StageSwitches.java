package io.inferdeck.safety.pipeline;

import io.inferdeck.safety.Stage;
import java.util.EnumSet;
import java.util.Set;

/** Which stages run on one side. Immutable. */
public record StageSwitches(Set<Stage> enabled) {
    public StageSwitches {
        enabled = enabled.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(enabled));
    }

    public static StageSwitches all() {
        return new StageSwitches(EnumSet.allOf(Stage.class));
    }

    public static StageSwitches none() {
        return new StageSwitches(Set.of());
    }

    public boolean on(Stage s) {
        return enabled.contains(s);
    }

    public StageSwitches with(Stage s, boolean on) {
        EnumSet<Stage> e = enabled.isEmpty() ? EnumSet.noneOf(Stage.class) : EnumSet.copyOf(enabled);
        if (on) {
            e.add(s);
        } else {
            e.remove(s);
        }
        return new StageSwitches(e);
    }

    /** Stable text like "blocklist,pii" (pipeline order). */
    public String describe() {
        return String.join(",", EnumSet.allOf(Stage.class).stream().filter(enabled::contains).map(Stage::wire).toList());
    }

    /** Parses "normalize,blocklist,pii,classifier" (or "all" / "none"). */
    public static StageSwitches parse(String spec) {
        String s = spec.trim();
        if (s.equalsIgnoreCase("all")) {
            return all();
        }
        if (s.isEmpty() || s.equalsIgnoreCase("none")) {
            return none();
        }
        EnumSet<Stage> e = EnumSet.noneOf(Stage.class);
        for (String part : s.split(",")) {
            e.add(Stage.parse(part));
        }
        return new StageSwitches(e);
    }
}
