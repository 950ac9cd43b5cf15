package io.inferdeck.safety.suite;

import io.inferdeck.safety.Decision;
import io.inferdeck.safety.Lang;
import java.util.List;

/**
 * One test case: the prompt, whether it should be let through ({@link Decision#ALLOW}) or stopped
 * ({@link Decision#BLOCK}), its category ("benign" for plain benign prompts; a harm category for both
 * harmful prompts and their benign look-alikes), the PII kinds expected to be masked, if any, and its
 * language ({@code en}, {@code zh}, {@code mixed}: the suite's {@code lang} field, else detected by script).
 */
public record SuiteCase(int line, String id, String prompt, Decision expected, String category,
                        List<String> expectedRedactions, String lang) {
    public SuiteCase {
        lang = lang == null || lang.isBlank() ? Lang.detect(prompt) : lang.strip().toLowerCase(java.util.Locale.ROOT);
        if (expected != Decision.ALLOW && expected != Decision.BLOCK) {
            throw new IllegalArgumentException("expected must be allow or block, not " + expected.wire());
        }
        expectedRedactions = List.copyOf(expectedRedactions);
    }

    /** A case whose language is detected from its script ({@link Lang#detect}). */
    public SuiteCase(int line, String id, String prompt, Decision expected, String category,
                     List<String> expectedRedactions) {
        this(line, id, prompt, expected, category, expectedRedactions, null);
    }

    @Override
    public String toString() {
        return "SuiteCase[" + id + " line " + line + " " + expected.wire() + " " + category + "]";
    }
}
