package io.inferdeck.views.tuning;

import io.inferdeck.views.fx.PageState;
import io.inferdeck.control.endpoint.EngineEndpoint;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.services.tuning.BenchRun;
import io.inferdeck.services.tuning.BenchSettings;
import io.inferdeck.services.tuning.HistoryProblem;
import io.inferdeck.services.tuning.TuningService;
import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.services.engine.Applied;
import io.inferdeck.services.engine.ApplyFailure;
import io.inferdeck.views.fx.BackgroundExecutor;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * "Apply & measure": once the applied profile has restarted and every replica is Ready, runs the bench
 * preset ({@link BenchSettings#PRESET}) against the engine target on the tuning worker, records it in the
 * run history ("bench") and shows QPS, TTFT/e2e percentiles, tokens/s and errors. FX thread only.
 */
public final class MeasureModel {
    private final TuningService services;
    private final BackgroundExecutor worker;
    private final PageState<TuningState> updates;
    private final EngineTarget target;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<BenchResult> result = new ReadOnlyObjectWrapper<>();
    private TuningState.MeasureStatus shown;

    MeasureModel(TuningService services, BackgroundExecutor worker, PageState<TuningState> updates, EngineTarget target) {
        this.services = services;
        this.worker = worker;
        this.updates = updates;
        this.target = target;
    }

    /** Called right after Apply: measure as soon as the applied profile runs and is Ready ({@code applied}'s outcome, any thread). */
    void arm(java.util.concurrent.CompletionStage<Applied> applied) {
        running.set(true);
        status.set("Waiting for the engine to restart with the new profile…");
        applied.whenComplete((a, error) -> {
            if (error != null) {
                updates.update(st -> st.withMeasure(new TuningState.MeasureStatus(false, null, null,
                        "The engine did not start: " + ApplyFailure.reasonOf(error))));
                return;
            }
            updates.update(st -> st.withMeasure(new TuningState.MeasureStatus(true, null, null,
                    "Engine Ready: measuring (" + BenchSettings.PRESET.duration().toSeconds() + " s)…")));
            worker.execute(() -> measure(a.profile()));
        });
    }

    /** Tuning worker: the service records the run ("bench") exactly as {@code inferdeck bench} does. */
    private void measure(DeploymentProfile applied) {
        Optional<EngineEndpoint> e = target.current();
        if (e.isEmpty()) {
            updates.update(s -> s.withMeasure(new TuningState.MeasureStatus(false, null, null, "no engine to measure")));
            return;
        }
        try {
            BenchRun run = BenchRun.afterApply(BenchSettings.PRESET.plan(e.get().baseUrl().toString(), e.get().key().orElse(null)), applied);
            BenchResult r = services.bench(run, p -> updates.update(s -> s.withMeasure(new TuningState.MeasureStatus(true, p, null, null))),
                    this::problem);
            updates.update(s -> s.withMeasure(new TuningState.MeasureStatus(false, null, r, null)));
        } catch (RuntimeException ex) {
            updates.update(s -> s.withMeasure(new TuningState.MeasureStatus(false, null, null, "measurement failed: " + ex.getMessage())));
        }
    }

    private void problem(HistoryProblem p) {
        updates.update(TuningState.message(switch (p.kind()) {
            case NOT_RECORDING -> "Not recording the measurement in history: " + p.detail();
            case INCOMPLETE -> "Could not record the measurement in history: " + p.detail();
            case MOVED_ASIDE -> p.detail();
        }));
    }

    /** FX thread. */
    void show(TuningState.MeasureStatus m) {
        if (m == null || m == shown) {
            return;
        }
        shown = m;
        running.set(m.running());
        if (m.result() != null) {
            result.set(m.result());
            status.set("Measured and recorded in history.");
        } else if (m.message() != null) {
            status.set(m.message());
        } else if (m.progress() != null) {
            status.set(String.format(Locale.ROOT, "%s %.0f s: %d ok, %d failed, %.1f req/s",
                    m.progress().phase().name().toLowerCase(Locale.ROOT), m.progress().elapsedSeconds(), m.progress().ok(),
                    m.progress().errors() + m.progress().timeouts(), m.progress().recentRequestsPerSecond()));
        }
    }

    /** The figures as display lines: QPS, tokens/s, TTFT and e2e P50/P95/P99, errors. */
    public static String figures(BenchResult r) {
        return String.format(Locale.ROOT, "%.2f req/s · %.1f tok/s · TTFT P50/P95/P99 %.0f/%.0f/%.0f ms · e2e P50/P95/P99 "
                        + "%.0f/%.0f/%.0f ms · %d sent, %d errors, %d timeouts · SLO %s", r.requestsPerSecond(),
                r.outputTokensPerSecond(), r.ttft().p50Ms(), r.ttft().p95Ms(), r.ttft().p99Ms(), r.e2e().p50Ms(),
                r.e2e().p95Ms(), r.e2e().p99Ms(), r.sent(), r.errors(), r.timeouts(), r.sloMet() ? "met" : "missed");
    }

    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<BenchResult> resultProperty() { return result.getReadOnlyProperty(); }
}
