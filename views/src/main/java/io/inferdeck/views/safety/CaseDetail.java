package io.inferdeck.views.safety;

import io.inferdeck.safety.Span;
import io.inferdeck.safety.Verdict;
import io.inferdeck.safety.suite.CaseResult;
import java.util.List;

/**
 * Drill-down of one case: the suite's original prompt re-judged by the input filter, with every
 * stage's verdict and the spans (indexes into {@code prompt}) to highlight. Immutable.
 */
public record CaseDetail(CaseResult result, String prompt, List<Verdict> verdicts, List<Span> spans) {
    public CaseDetail {
        verdicts = List.copyOf(verdicts);
        spans = List.copyOf(spans);
    }
}
