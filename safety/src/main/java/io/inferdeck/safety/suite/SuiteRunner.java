package io.inferdeck.safety.suite;

import io.inferdeck.safety.Stage;
import io.inferdeck.safety.Verdict;
import io.inferdeck.safety.pipeline.FilterPipeline;
import io.inferdeck.safety.pipeline.PipelineResult;
import io.inferdeck.safety.pipeline.Side;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.BooleanSupplier;

/**
 * Runs a suite's cases one by one on the calling thread (call it from a background executor):
 * filter-only (input filter) or end-to-end (input filter → engine → output filter) when an
 * {@link EngineClient} is given. A failing engine call marks that case as an error and the run goes on.
 * {@code cancelled} is polled between cases.
 */
public final class SuiteRunner {
    private final FilterPipeline pipeline;
    private final EngineClient engine;
    private final Clock clock;
    private final Function<String, Map<String, Double>> scorer;

    public SuiteRunner(FilterPipeline pipeline, EngineClient engine, Clock clock) {
        this(pipeline, engine, clock, prompt -> Map.of());
    }

    /**
     * @param scorer each case's prompt → the classifier's score per category (see {@link HeadScores}), kept in
     *               the case result for precision–recall curves; called on the runner's thread
     */
    public SuiteRunner(FilterPipeline pipeline, EngineClient engine, Clock clock, Function<String, Map<String, Double>> scorer) {
        this.pipeline = pipeline;
        this.engine = engine;
        this.clock = clock;
        this.scorer = scorer;
    }

    public SuiteRun run(Suite suite, SuiteProgress progress, BooleanSupplier cancelled) {
        String model = "none";
        if (engine != null) {
            try {
                model = engine.modelId();
            } catch (Exception e) {
                model = "unknown (" + e.getMessage() + ")";
            }
        }
        var started = clock.instant();
        long t0 = System.nanoTime();
        List<CaseResult> out = new ArrayList<>();
        boolean stopped = false;
        for (SuiteCase c : suite.cases()) {
            if (cancelled.getAsBoolean()) {
                stopped = true;
                break;
            }
            CaseResult r = runCase(c);
            out.add(r);
            progress.caseDone(out.size(), suite.cases().size(), r);
        }
        return new SuiteRun(suite, out, started, System.nanoTime() - t0, engine == null ? "filter-only" : "end-to-end",
                engine == null ? null : engine.base().toString(), model, stopped);
    }

    CaseResult runCase(SuiteCase c) {
        Map<String, Long> nanos = new HashMap<>();
        PipelineResult in = pipeline.filter(c.prompt(), Side.INPUT);
        in.stageNanos().forEach((s, n) -> nanos.put("input." + s.wire(), n));
        PipelineResult decisive = in;
        String reply = null;
        String error = null;
        if (engine != null && !in.decision().stops()) {
            long t = System.nanoTime();
            try {
                String raw = engine.chat(in.safeText());
                nanos.put("model", System.nanoTime() - t);
                PipelineResult outR = pipeline.filter(raw, Side.OUTPUT);
                outR.stageNanos().forEach((s, n) -> nanos.put("output." + s.wire(), n));
                reply = outR.safeText();
                if (outR.decision().ordinal() > in.decision().ordinal()) {
                    decisive = outR;
                }
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                error = "engine: " + e.getMessage();
            }
        }
        TreeSet<String> redacted = new TreeSet<>();
        for (Verdict v : in.verdicts()) {
            if (v.stage().equals(Stage.PII)) {
                v.spans().forEach(s -> redacted.add(s.label()));
            }
        }
        boolean redOk = redacted.containsAll(c.expectedRedactions());
        Verdict d = decisive.decisive();
        boolean stops = decisive.decision().stops();
        String side = decisive.side() == Side.OUTPUT ? "output." : "";
        return new CaseResult(c.line(), c.id(), c.category(), c.lang(), c.expected(), decisive.decision(), stops,
                stops ? d.category() : null, side + d.stage().wire(), d.reason(), List.copyOf(redacted), redOk,
                in.safeText(), reply, nanos, error, scorer.apply(c.prompt()));
    }
}
