package io.inferdeck.safety.bench;

import io.inferdeck.safety.classifier.ClassifierStage;
import io.inferdeck.safety.pipeline.FilterPipeline;
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
import java.util.function.Consumer;

/** Classifier latency per prompt and filter-only suite throughput; prints figures, asserts nothing. */
public final class SafetyBench {
    private SafetyBench() {
    }

    /** p50/p99 of one classifier call per prompt over the starter suite's prompts, after warm-up. */
    public static void classifier(ClassifierStage stage, int rounds, Consumer<String> out) throws IOException {
        if (!stage.available()) {
            out.accept("classifier: unavailable (" + stage.unavailableReason() + ")");
            return;
        }
        List<String> prompts = StarterSuite.load().cases().stream().map(SuiteCase::prompt).toList();
        for (String p : prompts) {
            stage.check(p);
        }
        long[] nanos = new long[prompts.size() * rounds];
        int k = 0;
        for (int r = 0; r < rounds; r++) {
            for (String p : prompts) {
                long t = System.nanoTime();
                stage.check(p);
                nanos[k++] = System.nanoTime() - t;
            }
        }
        LatencyStats l = LatencyStats.of("classifier", nanos);
        out.accept(String.format(Locale.ROOT, "classifier: %d prompts (embed + %d heads), p50 %.2f ms, p99 %.2f ms, max %.2f ms",
                l.count(), stage.categories().size(), l.p50Ms(), l.p99Ms(), l.maxMs()));
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
    }
}
