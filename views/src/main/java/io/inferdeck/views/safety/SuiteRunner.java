package io.inferdeck.views.safety;

import io.inferdeck.safety.report.SuiteReport;
import java.util.function.BooleanSupplier;

/**
 * Runs a safety suite to completion on the calling (background) thread. The console implements it with
 * the real filter pipeline; {@code progress} gets (done, total) from the runner thread.
 */
public interface SuiteRunner {
    SuiteReport run(String suite, boolean endToEnd, Progress progress, BooleanSupplier cancelled) throws Exception;

    @FunctionalInterface
    interface Progress {
        void update(int done, int total);
    }
}
