package io.inferdeck.safety.suite;

/**
 * Progress of a suite run, called on the running thread after every case. A view-model should copy
 * the values into its snapshot and let the FX dispatcher coalesce them; do not block here.
 */
@FunctionalInterface
public interface SuiteProgress {
    SuiteProgress NONE = (done, total, last) -> { };

    void caseDone(int done, int total, CaseResult last);
}
