package io.inferdeck.safety.report;

import io.inferdeck.safety.Decision;
import io.inferdeck.safety.suite.CaseResult;
import io.inferdeck.safety.suite.SuiteRun;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns a {@link SuiteRun} into a {@link SuiteReport}. "Positive" = the filter stopped the text. */
public final class ReportBuilder {
    private ReportBuilder() {
    }

    public static SuiteReport build(SuiteRun run, Fingerprint fp) {
        List<CaseResult> cs = run.results();
        Map<String, Map<String, Integer>> decisions = new LinkedHashMap<>();
        for (String e : List.of("block", "allow")) {
            Map<String, Integer> row = new LinkedHashMap<>();
            for (Decision d : List.of(Decision.BLOCK, Decision.REVIEW, Decision.REDACT, Decision.ALLOW)) {
                row.put(d.wire(), 0);
            }
            decisions.put(e, row);
        }
        Map<String, Map<String, Integer>> cats = new TreeMap<>();
        Map<String, List<Long>> lat = new TreeMap<>();
        int failed = 0;
        int errors = 0;
        CaseTally tally = new CaseTally();
        for (CaseResult c : cs) {
            tally.add(c);
            decisions.get(c.expected().wire()).merge(c.actual().wire(), 1, Integer::sum);
            cats.computeIfAbsent(c.category(), x -> new TreeMap<>())
                    .merge(c.stopped() && c.actualCategory() != null ? c.actualCategory() : "-", 1, Integer::sum);
            c.nanos().forEach((s, n) -> lat.computeIfAbsent(s, x -> new ArrayList<>()).add(n));
            failed += c.passed() ? 0 : 1;
            errors += c.error() == null ? 0 : 1;
        }
        CategoryStats overall = tally.overall();
        List<LatencyStats> latency = new ArrayList<>();
        lat.forEach((s, l) -> latency.add(LatencyStats.of(s, l.stream().mapToLong(Long::longValue).toArray())));
        double cps = run.wallNanos() == 0 ? 0 : cs.size() / (run.wallNanos() / 1e9);
        return new SuiteReport(run.suite().name(), run.suite().sha256(), run.startedAt().toString(), run.mode(),
                run.engine(), fp, overall, tally.categories(), overall.falsePositiveRate(), decisions, cats, latency, cps,
                failed, errors, run.suite().problems(), cs, null, run.cancelled(), tally.attributed(),
                CaseTally.byLanguage(cs));
    }

    /** The diff of {@code now} against {@code before} (same suite). */
    public static RunDiff diff(SuiteReport before, SuiteReport now) {
        Map<String, Double> catDelta = new TreeMap<>();
        Map<String, Double> prev = new HashMap<>();
        before.categories().forEach(c -> prev.put(c.category(), c.recall()));
        for (CategoryStats c : now.categories()) {
            Double p = prev.get(c.category());
            catDelta.put(c.category(), p == null || c.recall() == null ? null : c.recall() - p);
        }
        Map<String, Boolean> passedBefore = new HashMap<>();
        before.cases().forEach(c -> passedBefore.put(c.id(), c.passed()));
        List<String> newlyFailing = new ArrayList<>();
        List<String> newlyPassing = new ArrayList<>();
        for (CaseResult c : now.cases()) {
            Boolean was = passedBefore.get(c.id());
            if (was != null && was && !c.passed()) {
                newlyFailing.add(c.id());
            } else if (was != null && !was && c.passed()) {
                newlyPassing.add(c.id());
            }
        }
        return new RunDiff(before.startedAt(), before.fingerprint(), !before.fingerprint().equals(now.fingerprint()),
                delta(before.overall().recall(), now.overall().recall()),
                delta(before.benignFalsePositiveRate(), now.benignFalsePositiveRate()), catDelta, newlyFailing,
                newlyPassing);
    }

    static Double delta(Double a, Double b) {
        return a == null || b == null ? null : b - a;
    }
}
