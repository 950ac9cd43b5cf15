package io.inferdeck.views.safety;

import io.inferdeck.safety.Decision;
import io.inferdeck.safety.suite.CaseResult;

/** One row of the cases table: the case's result and how it compares with what the suite expected. */
public record CaseRow(CaseResult result, Outcome outcome) {

    /** Correct, or which way the filter was wrong. BLOCK expected + stopped = correct, etc. */
    public enum Outcome {
        CORRECT("correct"), FALSE_POSITIVE("false positive"), FALSE_NEGATIVE("false negative"), ERROR("error");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public static CaseRow of(CaseResult r) {
        Outcome o;
        if (r.error() != null) {
            o = Outcome.ERROR;
        } else if (r.expected() == Decision.BLOCK) {
            o = r.stopped() ? Outcome.CORRECT : Outcome.FALSE_NEGATIVE;
        } else {
            o = r.stopped() ? Outcome.FALSE_POSITIVE : Outcome.CORRECT;
        }
        return new CaseRow(r, o);
    }
}
