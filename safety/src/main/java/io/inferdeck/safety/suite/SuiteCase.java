package io.inferdeck.safety.suite;

import io.inferdeck.safety.Decision;
import java.util.List;

/**
 * One test case: the prompt, whether it should be let through ({@link Decision#ALLOW}) or stopped
 * ({@link Decision#BLOCK}), its category ("benign" for plain benign prompts; a harm category for both
 * harmful prompts and their benign look-alikes) and the PII kinds expected to be masked, if any.
 */
public record SuiteCase(int line, String id, String prompt, Decision expected, String category,
                        List<String> expectedRedactions) {
    public SuiteCase {
        if (expected != Decision.ALLOW && expected != Decision.BLOCK) {
            throw new IllegalArgumentException("expected must be allow or block, not " + expected.wire());
        }
        expectedRedactions = List.copyOf(expectedRedactions);
    }

    @Override
    public String toString() {
        return "SuiteCase[" + id + " line " + line + " " + expected.wire() + " " + category + "]";
    }
}
