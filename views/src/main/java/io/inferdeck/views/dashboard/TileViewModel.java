package io.inferdeck.views.dashboard;

import io.inferdeck.control.metrics.FigureSource;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One big-number tile: a formatted figure, or "n/a" (never 0) when the source does not report it, and who
 * measured it (engine or gateway) where that is known. FX thread.
 */
public final class TileViewModel {

    public static final String NOT_AVAILABLE = "n/a";

    private final String label;
    private final String unit;
    private final ReadOnlyStringWrapper value = new ReadOnlyStringWrapper(NOT_AVAILABLE);
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<SloLevel> level = new ReadOnlyObjectWrapper<>(SloLevel.NEUTRAL);
    private final ReadOnlyObjectWrapper<Optional<FigureSource>> source = new ReadOnlyObjectWrapper<>(Optional.empty());

    TileViewModel(String label, String unit) {
        this.label = label;
        this.unit = unit;
    }

    void show(String text, SloLevel slo) {
        show(text, "", slo);
    }

    /** A figure with a small line under it (what it is measured over, or a second figure). */
    void show(String text, String noteText, SloLevel slo) {
        source.set(Optional.empty());
        value.set(text);
        note.set(noteText);
        available.set(true);
        level.set(slo);
    }

    /**
     * A figure and who measured it; the note line says so ("from engine", "via gateway") unless the source
     * is unknown.
     */
    void show(String text, Optional<FigureSource> from, SloLevel slo) {
        show(text, "", from, slo);
    }

    /** A figure, what it rests on ({@code basis}, e.g. "of 120 lookups") and who measured it, on the note line. */
    void show(String text, String basis, Optional<FigureSource> from, SloLevel slo) {
        String by = from.map(FigureSource::note).orElse("");
        show(text, basis.isEmpty() || by.isEmpty() ? basis + by : basis + " · " + by, slo);
        source.set(from);
    }

    void clear() {
        clear("");
    }

    /** n/a, with why in the note line (e.g. "no GPU energy counter"). */
    void clear(String why) {
        note.set(why);
        value.set(NOT_AVAILABLE);
        available.set(false);
        level.set(SloLevel.NEUTRAL);
        source.set(Optional.empty());
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    public ReadOnlyStringProperty valueProperty() {
        return value.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    /** Who measured the figure shown; empty while n/a or when nobody recorded it. */
    public ReadOnlyObjectProperty<Optional<FigureSource>> sourceProperty() {
        return source.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SloLevel> levelProperty() {
        return level.getReadOnlyProperty();
    }
}
