package io.inferdeck.safety.report;

import io.inferdeck.safety.suite.CaseResult;
import java.util.List;
import java.util.Map;

/**
 * Everything a suite run showed, ready to print, export (JSON, HTML) and diff. Immutable; plain
 * records and collections so Jackson can write and read it. {@code decisionMatrix}: expected
 * (block/allow) × actual decision; {@code categoryMatrix}: expected category × category that stopped
 * it ("-" when let through); {@code attributed}: precision of the category the filter named;
 * {@code languages}: the same figures per case language.
 */
public record SuiteReport(String suite, String suiteSha256, String startedAt, String mode, String engine,
                          Fingerprint fingerprint, CategoryStats overall, List<CategoryStats> categories,
                          Double benignFalsePositiveRate, Map<String, Map<String, Integer>> decisionMatrix,
                          Map<String, Map<String, Integer>> categoryMatrix, List<LatencyStats> latency,
                          double casesPerSecond, int failed, int errors, List<String> problems,
                          List<CaseResult> cases, RunDiff diff, boolean cancelled, List<CategoryPrecision> attributed,
                          List<LanguageStats> languages) {
    public SuiteReport {
        attributed = attributed == null ? List.of() : List.copyOf(attributed); // null: stored before they existed
        languages = languages == null ? List.of() : List.copyOf(languages);
        categories = List.copyOf(categories);
        latency = List.copyOf(latency);
        problems = List.copyOf(problems);
        cases = List.copyOf(cases);
    }

    public SuiteReport withDiff(RunDiff d) {
        return new SuiteReport(suite, suiteSha256, startedAt, mode, engine, fingerprint, overall, categories,
                benignFalsePositiveRate, decisionMatrix, categoryMatrix, latency, casesPerSecond, failed, errors, problems,
                cases, d, cancelled, attributed, languages);
    }
}
