package io.inferdeck.views.tuning;

import io.inferdeck.views.fx.PageState;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.services.tuning.BenchSettings;
import io.inferdeck.services.tuning.HistoryProblem;
import io.inferdeck.services.tuning.SweepRequest;
import io.inferdeck.services.tuning.SweepResult;
import io.inferdeck.services.tuning.TuningService;
import io.inferdeck.services.tuning.Variant;
import io.inferdeck.tuning.sweep.QualityBudget;
import io.inferdeck.tuning.sweep.Recommendation;
import io.inferdeck.tuning.sweep.Sweep;
import io.inferdeck.tuning.sweep.SweepOutcome;
import io.inferdeck.tuning.sweep.SweepPoint;
import io.inferdeck.views.fx.BackgroundExecutor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A sweep from the page: quant levels × batch sizes × parallel slots (default: two variants × parallel 1,2,4),
 * measured point by point on the tuning worker by {@link TuningService#sweep}, each on a fresh engine, each
 * recorded in the run history (started before it runs, so a crash leaves it partial). Progress, rows and the
 * recommendation come back through the page's {@link PageState}. Public methods and properties: FX thread only.
 */
public final class SweepModel {
    /** Bounds the table, the chart (one node per point) and the run time: each point starts an engine. */
    static final int MAX_POINTS = 48;

    private final javafx.beans.property.ObjectProperty<BenchSettings.Prompts> prompts =
            new javafx.beans.property.SimpleObjectProperty<>(BenchSettings.Prompts.MIX);
    private final TuningService services;
    private final BackgroundExecutor worker;
    private final PageState<TuningState> updates;
    private final StringProperty quants = new SimpleStringProperty(""), batches = new SimpleStringProperty("512"),
            parallels = new SimpleStringProperty("1,2,4"), seconds = new SimpleStringProperty("10"),
            streams = new SimpleStringProperty(Integer.toString(BenchSettings.PRESET.concurrency())),
            sloE2eMs = new SimpleStringProperty(Long.toString(BenchSettings.PRESET.slo().e2e().toMillis())),
            sloTtftMs = new SimpleStringProperty(Long.toString(BenchSettings.PRESET.slo().ttft().toMillis())),
            maxKl = new SimpleStringProperty(Double.toString(QualityBudget.DEFAULT_MAX_MEAN_KL));
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Choose the settings to compare and press Run sweep.");
    private final ReadOnlyStringWrapper recommendationText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<SweepOutcome> recommended = new ReadOnlyObjectWrapper<>();
    private final ObservableList<SweepRow> rows = FXCollections.observableArrayList();
    private final ObservableList<SweepRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final AtomicBoolean stop = new AtomicBoolean();
    private TuningState.SweepStatus shown;

    SweepModel(TuningService services, BackgroundExecutor worker, PageState<TuningState> updates) {
        this.services = services;
        this.worker = worker;
        this.updates = updates;
    }

    /** Pre-fills the quant levels with two of the variants on disk (Q8_0 and Q4_0 when present). */
    void defaultQuants(List<Variant> variants) {
        if (!quants.get().isBlank()) {
            return;
        }
        List<String> onDisk = variants.stream().filter(Variant::exists).map(Variant::quant).toList();
        List<String> pick = new ArrayList<>(onDisk.stream().filter(q -> q.equals("Q8_0") || q.equals("Q4_0")).toList());
        onDisk.stream().filter(q -> !pick.contains(q)).limit(Math.max(0, 2 - pick.size())).forEach(pick::add);
        quants.set(String.join(",", pick.stream().sorted().toList().reversed()));
    }

    /** Starts the sweep over {@code base} with the variants known for its model; false with a status when the grid is invalid. */
    public boolean run(DeploymentProfile base, List<Variant> variants) {
        if (running.get()) {
            return false;
        }
        List<String> qs = Arrays.stream(quants.get().split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.toUpperCase(Locale.ROOT)).toList();
        List<Integer> bs, ps;
        int secs, concurrency, e2eMs, ttftMs;
        try {
            bs = ints(batches.get());
            ps = ints(parallels.get());
            secs = Integer.parseInt(seconds.get().strip());
            concurrency = Integer.parseInt(streams.get().strip());
            e2eMs = Integer.parseInt(sloE2eMs.get().strip());
            ttftMs = Integer.parseInt(sloTtftMs.get().strip());
        } catch (NumberFormatException e) {
            status.set("Batch, parallel, seconds, streams and SLO targets must be whole numbers (lists comma-separated).");
            return false;
        }
        double kl;
        try {
            kl = maxKl.get().isBlank() ? Double.POSITIVE_INFINITY : Double.parseDouble(maxKl.get().strip());
        } catch (NumberFormatException e) {
            kl = Double.NaN;
        }
        if (!(kl >= 0)) {
            status.set("Max KL must be a number of nats >= 0, or empty for no quality limit.");
            return false;
        }
        if (concurrency < 1 || e2eMs < 1 || ttftMs < 1) {
            status.set("Streams and SLO targets must be >= 1.");
            return false;
        }
        Map<String, Path> models = new java.util.LinkedHashMap<>();
        for (String q : qs) {
            Optional<Variant> v = variants.stream().filter(x -> x.quant().equals(q)).findFirst();
            if (v.isEmpty() || !v.get().exists()) {
                status.set(v.isEmpty() ? "No variant " + q + " for this model." : q + " does not exist yet: create it first (Quantization).");
                return false;
            }
            models.put(q, v.get().path());
        }
        if (qs.isEmpty() || bs.isEmpty() || ps.isEmpty() || secs < 1 || bs.stream().anyMatch(b -> b < 1) || ps.stream().anyMatch(p -> p < 1)) {
            status.set("Give at least one quant level, batch size and parallel setting (all >= 1) and a window >= 1 s.");
            return false;
        }
        List<SweepPoint> points = Sweep.grid(qs, bs, ps);
        if (points.size() > MAX_POINTS) {
            status.set(points.size() + " points: at most " + MAX_POINTS + " per sweep (each starts an engine and measures it).");
            return false;
        }
        BenchSettings load = new BenchSettings(concurrency, java.time.Duration.ofSeconds(Math.min(2, secs)),
                java.time.Duration.ofSeconds(secs), BenchSettings.PRESET.maxTokens(), new io.inferdeck.tuning.load.Slo(
                java.time.Duration.ofMillis(e2eMs), java.time.Duration.ofMillis(ttftMs), 95), prompts.get());
        SweepRequest request = new SweepRequest(base.toBuilder().engine(EngineKind.BUILTIN).build(), models, points, load, true);
        stop.set(false);
        running.set(true);
        updates.update(s -> s.withSweep(new TuningState.SweepStatus(true, points.size(), List.of(), points.getFirst(), null, null)));
        double budget = kl;
        worker.execute(() -> measureAll(request, budget));
        return true;
    }

    /** Stops after the point being measured. */
    public void stop() {
        stop.set(true);
    }

    /**
     * Tuning worker: the quality budget's KL figures first (cached; a quant report where missing), then the service
     * measures and records point by point; each outcome is shown as it lands.
     */
    private void measureAll(SweepRequest asked, double maxMeanKl) {
        List<SweepPoint> points = asked.points();
        List<SweepOutcome> done = new ArrayList<>();
        try {
            SweepRequest request = Double.isInfinite(maxMeanKl) ? asked : new SweepRequest(asked.base(), asked.models(), points,
                    asked.load(), asked.recorded(), services.qualityBudget(asked.base(), asked.models(), maxMeanKl,
                    note -> updates.update(TuningState.message(note))));
            SweepResult r = services.sweep(request, o -> {
                done.add(o);
                List<SweepOutcome> soFar = List.copyOf(done);
                SweepPoint next = soFar.size() < points.size() ? points.get(soFar.size()) : null;
                updates.update(s -> s.withSweep(new TuningState.SweepStatus(true, points.size(), soFar, next, null, null)));
            }, stop::get, this::problem);
            updates.update(s -> s.withSweep(new TuningState.SweepStatus(false, points.size(), r.outcomes(), null, r.recommendation(),
                    stop.get() ? "stopped after " + r.outcomes().size() + " of " + points.size() + " points" : null)));
        } catch (IOException | RuntimeException e) {
            List<SweepOutcome> soFar = List.copyOf(done);
            updates.update(s -> s.withSweep(new TuningState.SweepStatus(false, points.size(), soFar, null, Recommendation.from(soFar),
                    "failed: " + e.getMessage())));
        }
    }

    private void problem(HistoryProblem p) {
        updates.update(TuningState.message(p.kind() == HistoryProblem.Kind.NOT_RECORDING ? "Not recording the sweep in history: " + p.detail() : p.detail()));
    }

    /** FX thread: shows a sweep status from the worker. */
    void show(TuningState.SweepStatus s) {
        if (s == null || s == shown) {
            return;
        }
        shown = s;
        running.set(s.running());
        progress.set(s.total() == 0 ? 0 : (double) s.done().size() / s.total());
        Optional<SweepOutcome> best = s.recommendation() == null ? Optional.empty() : s.recommendation().best();
        rows.setAll(s.done().stream().map(o -> SweepRow.of(o, best.map(b -> b.point().equals(o.point())).orElse(false))).toList());
        recommended.set(best.orElse(null));
        if (s.running()) {
            status.set("Point " + (s.done().size() + 1) + " of " + s.total() + ": " + s.current());
        } else {
            status.set((s.error() != null ? "Sweep " + s.error() : "Sweep finished: " + s.done().size() + " points") + ", recorded in history.");
            recommendationText.set(s.recommendation() == null ? "" : (best.isPresent() ? "Recommendation: " : "No recommendation: ")
                    + s.recommendation().reason());
        }
    }

    private static List<Integer> ints(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Integer::parseInt).toList();
    }

    public StringProperty quantsProperty() { return quants; }
    public StringProperty batchesProperty() { return batches; }
    public StringProperty parallelsProperty() { return parallels; }
    public StringProperty secondsProperty() { return seconds; }
    /** The prompt set every point is measured with. */
    public javafx.beans.property.ObjectProperty<BenchSettings.Prompts> promptsProperty() { return prompts; }

    /** Closed-loop streams per point. */
    public StringProperty streamsProperty() { return streams; }
    /** The SLO each point is judged by: P95 end-to-end and P95 time to first token, in milliseconds. */
    public StringProperty sloE2eMsProperty() { return sloE2eMs; }
    public StringProperty sloTtftMsProperty() { return sloTtftMs; }
    /** The quality budget: most mean KL (nats) from the highest-precision variant; empty = no limit. */
    public StringProperty maxKlProperty() { return maxKl; }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyStringProperty recommendationProperty() { return recommendationText.getReadOnlyProperty(); }
    /** The recommended point's outcome; null when no point met the SLO (or before a sweep finished). */
    public ReadOnlyObjectProperty<SweepOutcome> recommendedProperty() { return recommended.getReadOnlyProperty(); }
    public ObservableList<SweepRow> rows() { return rowsView; }
}
