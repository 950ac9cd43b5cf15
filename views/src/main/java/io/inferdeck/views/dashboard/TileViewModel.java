package io.inferdeck.views.dashboard;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One big-number tile: a formatted figure, or "n/a" (never 0) when the source does not report it. FX thread. */
public final class TileViewModel {

    public static final String NOT_AVAILABLE = "n/a";

    private final String label;
    private final String unit;
    private final ReadOnlyStringWrapper value = new ReadOnlyStringWrapper(NOT_AVAILABLE);
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<SloLevel> level = new ReadOnlyObjectWrapper<>(SloLevel.NEUTRAL);

    TileViewModel(String label, String unit) {
        this.label = label;
        this.unit = unit;
    }

    void show(String text, SloLevel slo) {
        value.set(text);
        available.set(true);
        level.set(slo);
    }

    void clear() {
        value.set(NOT_AVAILABLE);
        available.set(false);
        level.set(SloLevel.NEUTRAL);
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

    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SloLevel> levelProperty() {
        return level.getReadOnlyProperty();
    }
}
