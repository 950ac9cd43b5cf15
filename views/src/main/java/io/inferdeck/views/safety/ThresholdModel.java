package io.inferdeck.views.safety;

import io.inferdeck.safety.classifier.ThresholdCurves;
import io.inferdeck.services.safety.OperatingPoints;
import io.inferdeck.services.safety.SafetyService;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.PageState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The operating-point picker: per category, the classifier head's precision–recall curves from its calibration data
 * (never the dev split), the threshold in force, a picked threshold and the figures expected at both, per language;
 * saving writes the picked threshold to the head the filters load ({@link OperatingPoints}). Loading and saving run
 * on the background executor and come back as the page state's thresholds part. Public methods: FX thread only.
 */
public final class ThresholdModel {

    /** Expected figures for one language: at the picked threshold and at the one in force (fractions). */
    public record Expected(String lang, ThresholdCurves.Point picked, ThresholdCurves.Point inForce) {
    }

    private final SafetyService service;
    private final BackgroundExecutor executor;
    private final PageState<SafetyState> state;
    private final ObservableList<String> categories = FXCollections.observableArrayList();
    private final ObjectProperty<String> category = new SimpleObjectProperty<>();
    private final DoubleProperty threshold = new SimpleDoubleProperty(0.5);
    private final ReadOnlyDoubleWrapper inForce = new ReadOnlyDoubleWrapper(Double.NaN);
    private final ReadOnlyObjectWrapper<ThresholdCurves> curves = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Expected> expected = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private Optional<OperatingPoints.Loaded> loaded = Optional.empty();

    ThresholdModel(SafetyService service, BackgroundExecutor executor, PageState<SafetyState> state) {
        this.service = service;
        this.executor = executor;
        this.state = state;
        category.addListener((o, was, now) -> {
            loaded.ifPresent(l -> threshold.set(l.threshold(now)));
            recompute();
        });
        threshold.addListener((o, was, now) -> recompute());
    }

    public void refresh() {
        executor.execute(() -> state.update(work(OperatingPoints::load, null)));
    }

    /** Saves the picked threshold of the chosen category. */
    public void save() {
        String c = category.get();
        double t = threshold.get();
        if (c == null) {
            return;
        }
        executor.execute(() -> state.update(work(p -> p.save(c, t),
                String.format(java.util.Locale.ROOT, "Saved %s threshold %.2f", c, t))));
    }

    private interface Step {
        OperatingPoints.Loaded apply(OperatingPoints points) throws java.io.IOException;
    }

    /** Worker thread: loads or saves; a failure keeps what is shown and says why. */
    UnaryOperator<SafetyState> work(Step step, String done) {
        try {
            OperatingPoints.Loaded l = step.apply(service.operatingPoints());
            String from = l.source().map(p -> "head " + p).orElse("bundled head");
            String line = (done == null ? "" : done + " · ") + from + " · curves from its calibration split";
            return s -> s.withThresholds(new SafetyState.Thresholds(Optional.of(l), line));
        } catch (java.io.IOException | RuntimeException e) {
            String why = "Thresholds: " + e.getMessage();
            return s -> s.withThresholds(new SafetyState.Thresholds(s.thresholds().loaded(), why));
        }
    }

    /** FX thread: the page state's thresholds part changed. */
    void show(SafetyState.Thresholds before, SafetyState.Thresholds now) {
        summary.set(now.summary());
        if (now.loaded().equals(before.loaded()) || now.loaded().isEmpty()) {
            return;
        }
        loaded = now.loaded();
        OperatingPoints.Loaded l = loaded.get();
        curves.set(l.curves());
        String keep = category.get();
        categories.setAll(l.curves().categories());
        if (keep != null && categories.contains(keep)) {
            inForce.set(l.threshold(keep));
            threshold.set(l.threshold(keep));
            recompute();
        } else {
            category.set(categories.isEmpty() ? null : categories.getFirst());
        }
    }

    private void recompute() {
        String c = category.get();
        List<Expected> rows = new ArrayList<>();
        if (c != null && loaded.isPresent()) {
            ThresholdCurves cv = loaded.get().curves();
            double now = loaded.get().threshold(c);
            inForce.set(now);
            for (String lang : cv.languages(c)) {
                cv.at(c, lang, threshold.get()).ifPresent(p -> rows.add(new Expected(lang, p, cv.at(c, lang, now).orElseThrow())));
            }
        }
        expected.setAll(rows);
    }

    public ObservableList<String> categories() { return categories; }
    public ObjectProperty<String> categoryProperty() { return category; }
    /** The picked threshold (the slider), in (0, 1). */
    public DoubleProperty thresholdProperty() { return threshold; }
    public ReadOnlyDoubleProperty inForceProperty() { return inForce.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<ThresholdCurves> curvesProperty() { return curves.getReadOnlyProperty(); }
    public ObservableList<Expected> expected() { return expected; }
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
}
