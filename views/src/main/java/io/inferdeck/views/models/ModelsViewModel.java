package io.inferdeck.views.models;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.services.engine.ApplyFailure;
import io.inferdeck.services.engine.EngineControl;
import io.inferdeck.services.engine.EngineSnapshot;
import io.inferdeck.services.models.CatalogScan;
import io.inferdeck.services.models.DiscoveredModel;
import io.inferdeck.services.models.ModelActions;
import io.inferdeck.services.models.ModelCatalog;
import io.inferdeck.tuning.quality.QuantReportExport;
import io.inferdeck.tuning.quant.Quantizer;
import io.inferdeck.views.common.ApplyPreview;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.FxDispatcher;
import io.inferdeck.views.fx.PageState;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Models page: every model the {@link ModelCatalog} found, filtered by a query, and what can be done with the
 * selected one — Run (the built-in default profile with this model, shown as the change it makes to the running
 * profile and applied only once confirmed), Inspect, Quantize, Quant report, Reveal in the file manager.
 *
 * <p>Threads: scans and engine snapshots arrive on any thread and, like each action's progress and outcome, reach
 * the FX thread through the page's one channel ({@link ModelsState}). Blocking actions run on {@code worker}; only
 * the newest action's reports are shown. Properties and commands: FX thread only.
 */
public final class ModelsViewModel {
    private final ModelCatalog catalog;
    private final ModelActions actions;
    private final EngineControl engine;
    private final BackgroundExecutor worker;
    private final PageState<ModelsState> page;
    private final ObservableList<DiscoveredModel> all = FXCollections.observableArrayList();
    private final FilteredList<DiscoveredModel> rows = new FilteredList<>(all);
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ObjectProperty<DiscoveredModel> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper(this, "details", "");
    private final ReadOnlyStringWrapper confirmText = new ReadOnlyStringWrapper(this, "confirmText", "");
    private final ReadOnlyStringWrapper stores = new ReadOnlyStringWrapper(this, "stores", "Looking for models…");
    private final ReadOnlyStringWrapper storeDetails = new ReadOnlyStringWrapper(this, "storeDetails", "");
    private final ReadOnlyBooleanWrapper confirming = new ReadOnlyBooleanWrapper(this, "confirming");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private ModelsState shown = ModelsState.EMPTY;
    private DeploymentProfile pending;
    private long seq;

    public ModelsViewModel(ModelCatalog catalog, ModelActions actions, EngineControl engine, BackgroundExecutor worker,
                           FxDispatcher dispatcher) {
        this.catalog = catalog;
        this.actions = actions;
        this.engine = engine;
        this.worker = worker;
        this.page = PageState.latest(dispatcher, "models", ModelsState.EMPTY, this::show);
        filter.subscribe(q -> rows.setPredicate(m -> ModelText.matches(m, q == null ? "" : q)));
        selected.addListener((o, before, now) -> {
            if (!same(before, now)) {
                cancelRun();   // a confirmation belongs to the model it was asked for
            }
        });
    }

    /** Any thread: a finished scan (the composition root connects the models topic here). */
    public void acceptScan(CatalogScan s) {
        page.update(st -> st.withScan(s));
    }

    /** Any thread: the newest engine snapshot, for Run's defaults and its diff against the running profile. */
    public void acceptEngine(EngineSnapshot s) {
        page.update(st -> st.withEngine(s));
    }

    private void show(ModelsState s) {
        if (s.scan() != null && s.scan() != shown.scan()) {
            DiscoveredModel keep = selected.get();
            all.setAll(s.scan().models());
            selected.set(all.stream().filter(m -> same(m, keep)).findFirst().orElse(null));
            stores.set("Looked in: " + ModelText.stores(s.scan()));
            storeDetails.set(ModelText.storeDetails(s.scan()));
        }
        ModelsState.Report r = s.report();
        if (r != null && r != shown.report() && r.seq() == seq) {
            message.set(r.message());
            if (r.details() != null) {
                details.set(r.details());
            }
            busy.set(!r.done());
        }
        shown = s;
    }

    private static boolean same(DiscoveredModel a, DiscoveredModel b) {
        return a != null && b != null && a.store().equals(b.store()) && a.name().equals(b.name());
    }

    public void refresh() {
        catalog.refresh();
    }

    /** Adds a folder to look in (remembered in the console's settings) and scans again. */
    public void addFolder(Path folder) {
        message.set("Looking in " + folder + " from now on.");
        catalog.addFolder(folder);
    }

    /** Step one of Run: the profile this model would run with, as the change it makes; nothing starts yet. */
    public void run() {
        DiscoveredModel m = selected.get();
        EngineSnapshot e = shown.engine();
        if (m == null || !m.usable()) {
            message.set(m == null ? "Select a model first." : "Cannot run " + m.name() + ": " + m.problem().orElseThrow());
            return;
        }
        if (e == null || e.defaultProfile().isEmpty()) {
            message.set("The engine has not reported its profiles yet; try again in a moment.");
            return;
        }
        pending = ModelActions.runProfile(m, e.defaultProfile().get());
        confirmText.set(ApplyPreview.describe(e.profile(), pending));
        confirming.set(true);
        message.set("Run " + m.name() + " on the built-in engine as profile " + pending.name() + "? The engine restarts.");
    }

    /** Step two: applies the profile shown; the outcome arrives as a report. */
    public void confirmRun() {
        if (pending == null) {
            return;
        }
        DeploymentProfile p = pending;
        cancelRun();
        long mine = start("Starting " + p.name() + "…");
        engine.apply(p).whenComplete((applied, error) -> report(mine, error == null
                ? "Running " + applied.profile().name() + " — chat with it on the Playground."
                : "Could not run " + p.name() + ": " + ApplyFailure.reasonOf(error), null, true));
    }

    public void cancelRun() {
        pending = null;
        confirming.set(false);
        confirmText.set("");
    }

    public void inspect() {
        withSelected("Reading ", (m, action) -> new Done("Inspected " + m.name() + ".", String.join("\n", actions.inspect(m))));
    }

    /** Writes the {@code type} variant of the selected model (beside it, or in InferDeck's folder for another tool's model). */
    public void quantize(GgmlType type) {
        withSelected("Quantizing to " + type + ": ", (m, action) -> {
            var r = actions.quantize(m, type, (done, total) -> report(action, String.format(Locale.ROOT, "Quantizing %s to %s: %d %%",
                    m.name(), type, total == 0 ? 0 : done * 100 / total), null, false));
            catalog.refresh();
            return new Done(String.format(Locale.ROOT, "Wrote %s (%.1f MB).", r.output(), r.outputFileBytes() / 1e6), null);
        });
    }

    /** The quantization report with the selected model as reference; minutes: it runs every variant on an engine. */
    public void quantReport() {
        withSelected("Quantization report for ", (m, action) -> {
            var r = actions.quantReport(m, step -> report(action, "Quantization report: " + step.stage().name().toLowerCase(Locale.ROOT)
                    + " " + step.variant() + String.format(Locale.ROOT, " %.0f %%", step.fraction() * 100), null, false));
            return new Done("Quantization report done (" + r.duration().toSeconds() + " s).", QuantReportExport.markdown(r));
        });
    }

    public void reveal() {
        withSelected("Opening the folder of ", (m, action) -> {
            actions.reveal(m);
            return new Done("Opened the folder of " + m.name() + ".", null);
        });
    }

    private record Done(String message, String details) {
    }

    @FunctionalInterface
    private interface Work {
        /** Worker thread; {@code action} tags its progress reports. */
        Done on(DiscoveredModel m, long action) throws Exception;
    }

    private void withSelected(String starting, Work work) {
        DiscoveredModel m = selected.get();
        if (m == null) {
            message.set("Select a model first.");
            return;
        }
        long mine = start(starting + m.name() + "…");
        worker.execute(() -> {
            try {
                Done d = work.on(m, mine);
                report(mine, d.message(), d.details(), true);
            } catch (Exception e) {
                report(mine, m.name() + ": " + Objects.requireNonNullElse(e.getMessage(), e.toString()), null, true);
            }
        });
    }

    private long start(String text) {
        busy.set(true);
        message.set(text);
        return ++seq;
    }

    /** Any thread. */
    private void report(long action, String text, String newDetails, boolean done) {
        page.update(st -> st.withReport(new ModelsState.Report(action, text, newDetails, done)));
    }

    /** The types Quantize can write, in the quantizer's order. */
    public List<GgmlType> quantTypes() {
        return Quantizer.TARGETS.stream().sorted().toList();
    }

    public boolean canReveal() { return actions.canReveal(); }
    public ObservableList<DiscoveredModel> rows() { return rows; }
    public StringProperty filterProperty() { return filter; }
    public ObjectProperty<DiscoveredModel> selectedProperty() { return selected; }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    /** Inspect's lines or the report's table. */
    public ReadOnlyStringProperty detailsProperty() { return details.getReadOnlyProperty(); }
    /** What Run would change against the running profile, while it waits for confirmation. */
    public ReadOnlyStringProperty confirmTextProperty() { return confirmText.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty confirmingProperty() { return confirming.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public ReadOnlyStringProperty storesProperty() { return stores.getReadOnlyProperty(); }
    public ReadOnlyStringProperty storeDetailsProperty() { return storeDetails.getReadOnlyProperty(); }
}
