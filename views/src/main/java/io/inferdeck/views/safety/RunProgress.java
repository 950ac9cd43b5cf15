package io.inferdeck.views.safety;

/** How far a suite run has got: {@code done} of {@code total} cases. Immutable. */
public record RunProgress(boolean running, int done, int total) {

    public static final RunProgress IDLE = new RunProgress(false, 0, 0);

    /** Filters loading, case count not known yet. */
    public static final RunProgress LOADING = new RunProgress(true, 0, 0);

    /** 0..1; -1 (indeterminate) while running with no case count yet. */
    public double fraction() {
        return total == 0 ? (running ? -1 : 0) : (double) done / total;
    }
}
