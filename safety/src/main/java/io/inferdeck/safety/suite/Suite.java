package io.inferdeck.safety.suite;

import java.util.List;

/**
 * A loaded suite: its name (file name), the SHA-256 of its bytes, the cases that parsed and, with line
 * numbers, what was wrong with the rest (malformed lines are skipped, the run goes on).
 */
public record Suite(String name, String sha256, List<SuiteCase> cases, List<String> problems) {
    public Suite {
        cases = List.copyOf(cases);
        problems = List.copyOf(problems);
    }
}
