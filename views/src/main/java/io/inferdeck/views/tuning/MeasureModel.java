package io.inferdeck.views.tuning;

import io.inferdeck.control.endpoint.EngineEndpoint;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.ProfileFiles;
import io.inferdeck.tuning.history.HostInfo;
import io.inferdeck.tuning.history.NewRun;
import io.inferdeck.tuning.load.BenchJson;
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
    private final TuningServices services;
    private final BackgroundExecutor worker;
    private final TuningUpdates updates;
    private final EngineTarget target;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<BenchResult> result = new ReadOnlyObjectWrapper<>();
    private TuningState.MeasureStatus shown;

    MeasureModel(TuningServices services, BackgroundExecutor worker, TuningUpdates updates, EngineTarget target) {
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

    /** Tuning worker. */
    private void measure(DeploymentProfile applied) {
        Optional<EngineEndpoint> e = target.current();
        if (e.isEmpty()) {
            updates.update(s -> s.withMeasure(new TuningState.MeasureStatus(false, null, null, "no engine to measure")));
            return;
        }
        long id = -1;
        try {
            id = services.history().start(new NewRun("bench", "apply & measure: " + label(applied),
                    ProfileFiles.write(applied, ProfileFiles.Format.JSON), null, HostInfo.describe()));
        } catch (Exception ex) {
            updates.message("Not recording the measurement in history: " + ex.getMessage());
        }
        try {
            BenchResult r = services.bench(e.get().baseUrl().toString(), e.get().key().orElse(null), BenchSettings.PRESET,
                    p -> updates.update(s -> s.withMeasure(new TuningState.MeasureStatus(true, p, null, null))));
            if (id >= 0) services.history().complete(id, r.figures(), BenchJson.toJson(r).toString());
            updates.update(s -> s.withMeasure(new TuningState.MeasureStatus(false, null, r, null)));
        } catch (Exception ex) {
            try {
                if (id >= 0) services.history().markPartial(id, "failed: " + ex.getMessage());
            } catch (Exception ignored) {
                // the measurement's own failure is what the operator needs to see
            }
            updates.update(s -> s.withMeasure(new TuningState.MeasureStatus(false, null, null, "measurement failed: " + ex.getMessage())));
        }
    }

    static String label(DeploymentProfile p) {
        return p.name() + " " + (p.quantization() == null ? "" : p.quantization() + " ") + "batch " + p.batch() + " parallel " + p.parallel();
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
