package io.inferdeck.views.safety;

import io.inferdeck.safety.report.SuiteReport;

/**
 * What a suite run has got to, published from the runner thread through the FX dispatcher (a newer
 * snapshot replaces an undelivered one). {@code report} is set once the run has finished. Immutable.
 */
public record RunProgress(boolean running, int done, int total, String message, SuiteReport report) {

    public double fraction() {
        return total == 0 ? (running ? -1 : 0) : (double) done / total;
    }
}
