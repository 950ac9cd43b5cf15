package io.inferdeck.runner.fuzz;

import java.util.List;

/**
 * Outcome of a fuzz run. The property holds when {@code refused + served == mutations}: every mutant was
 * refused in Java with one line or loaded and answered a completion. {@code engineRefused} are mutants that
 * passed Java validation but llama.cpp refused cleanly (a validation gap, not a crash); {@code crashed}
 * ended the engine by a signal or left a JVM crash report. {@code problems} describes each of those.
 */
public record FuzzReport(long seed, int mutations, int refused, int served, int engineRefused, int crashed,
                         List<String> problems) {

    public FuzzReport {
        problems = List.copyOf(problems);
    }

    public boolean holds() {
        return refused + served == mutations;
    }

    /** "N mutations, N refused-or-served, 0 native crashes" plus the breakdown. */
    public String summary() {
        return mutations + " mutations, " + (refused + served) + " refused-or-served (" + refused + " refused in Java, "
                + served + " served), " + engineRefused + " refused by llama.cpp, " + crashed + " native crashes (seed " + seed + ")";
    }
}
