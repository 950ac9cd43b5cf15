package io.inferdeck.safety.bench;

import io.inferdeck.safety.classifier.ClassifierStage;
import io.inferdeck.safety.pipeline.FilterPipeline;
import io.inferdeck.safety.pipeline.VerdictCache;
import io.inferdeck.safety.report.LatencyStats;
import io.inferdeck.safety.suite.StarterSuite;
import io.inferdeck.safety.suite.Suite;
import io.inferdeck.safety.suite.SuiteCase;
import io.inferdeck.safety.suite.SuiteProgress;
import io.inferdeck.safety.suite.SuiteRun;
import io.inferdeck.safety.suite.SuiteRunner;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/** Classifier latency per prompt and filter-only suite throughput; prints figures, asserts nothing. */
public final class SafetyBench {
    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private SafetyBench() {
    }

    /**
     * p50/p99 (wall) and process CPU time of one classifier call per prompt over the starter suite's prompts, after
     * warm-up; then the same calls answered by a verdict cache that has seen every prompt (what a repeated text
     * costs on live traffic).
     */
    public static void classifier(ClassifierStage stage, int rounds, Consumer<String> out) throws IOException {
        if (!stage.available()) {
            out.accept("classifier: unavailable (" + stage.unavailableReason() + ")");
            return;
        }
        List<String> prompts = StarterSuite.load().cases().stream().map(SuiteCase::prompt).toList();
        out.accept("classifier: " + timed(stage, prompts, rounds) + " (embed + " + stage.categories().size() + " heads)");
        ClassifierStage cached = stage.cached(new VerdictCache(VerdictCache.LIVE_BYTES));
        out.accept("classifier, every prompt a verdict-cache hit: " + timed(cached, prompts, rounds));
    }

    private static String timed(ClassifierStage stage, List<String> prompts, int rounds) {
        for (String p : prompts) {
            stage.check(p);
        }
        long[] nanos = new long[prompts.size() * rounds];
        int k = 0;
        long cpu = CPU.getProcessCpuTime();
        for (int r = 0; r < rounds; r++) {
            for (String p : prompts) {
                long t = System.nanoTime();
                stage.check(p);
                nanos[k++] = System.nanoTime() - t;
            }
        }
        LatencyStats l = LatencyStats.of("classifier", nanos);
        return String.format(Locale.ROOT, "%d calls, p50 %.3f ms, p99 %.3f ms, max %.2f ms, CPU %.3f ms per call",
                l.count(), l.p50Ms(), l.p99Ms(), l.maxMs(), (CPU.getProcessCpuTime() - cpu) / 1e6 / l.count());
    }

    /** The dev split's prompts without Han characters (what the Latin-script model embeds), 256 at most. */
    public static List<String> latinPrompts() throws IOException {
        return StarterSuite.devSplit().cases().stream().map(SuiteCase::prompt).filter(p -> !io.inferdeck.safety.Lang.hasHan(p))
                .limit(256).toList();
    }

    /** Filter-only run of {@code cases} cases (the starter suite repeated), all stages on. */
    public static void suiteThroughput(FilterPipeline pipeline, int cases, Consumer<String> out) throws IOException {
        Suite starter = StarterSuite.load();
        List<SuiteCase> list = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            SuiteCase c = starter.cases().get(i % starter.cases().size());
            list.add(new SuiteCase(i + 1, c.id() + "#" + i, c.prompt(), c.expected(), c.category(), c.expectedRedactions()));
        }
        Suite suite = new Suite("bench", "bench", list, List.of());
        SuiteRunner runner = new SuiteRunner(pipeline, null, Clock.systemUTC());
        runner.run(new Suite("warm", "warm", list.subList(0, Math.min(200, cases)), List.of()), SuiteProgress.NONE, () -> false);
        SuiteRun run = runner.run(suite, SuiteProgress.NONE, () -> false);
        double secs = run.wallNanos() / 1e9;
        out.accept(String.format(Locale.ROOT, "suite: %d cases filter-only (all stages) in %.2f s = %.0f cases/s",
                run.results().size(), secs, run.results().size() / secs));
        stageLines(run, out);
    }

    /**
     * Each stage's wall time per text over a run (input and output sides; a stage skipped once blocked is not
     * counted): p50, p95, n, and texts per second of that stage alone (n over the summed time).
     */
    static void stageLines(SuiteRun run, Consumer<String> out) {
        Map<String, List<Long>> byStage = new TreeMap<>();
        run.results().forEach(r -> r.nanos().forEach((k, n) -> byStage.computeIfAbsent(k, x -> new ArrayList<>()).add(n)));
        byStage.forEach((stage, list) -> {
            long[] s = list.stream().mapToLong(Long::longValue).sorted().toArray();
            long sum = java.util.Arrays.stream(s).sum();
            out.accept(String.format(Locale.ROOT, "  stage %-18s p50 %.3f ms  p95 %.3f ms  n=%d  %,.0f texts/s alone",
                    stage, s[(s.length - 1) / 2] / 1e6, s[(int) Math.ceil(0.95 * s.length) - 1] / 1e6, s.length,
                    s.length / Math.max(1e-9, sum / 1e9)));
        });
    }
}
