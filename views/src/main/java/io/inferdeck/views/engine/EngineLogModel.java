package io.inferdeck.views.engine;

import io.inferdeck.control.supervisor.LogLevel;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Engine page's log tail with a minimum level and a text search. FX thread only. The shown lines are only
 * rebuilt when the tail or a filter actually changed, so an idle engine costs nothing per snapshot.
 */
public final class EngineLogModel {
    private final ReadOnlyObjectWrapper<LogLevel> minLevel = new ReadOnlyObjectWrapper<>(this, "minLevel", LogLevel.DEBUG);
    private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper(this, "counts", "");
    private final ObservableList<String> shown = FXCollections.observableArrayList();
    private final ObservableList<String> shownReadOnly = FXCollections.unmodifiableObservableList(shown);
    private List<String> tail = List.of();
    private List<LogLevel> levels = List.of();
    private String search = "";

    void accept(List<String> newTail) {
        if (newTail.equals(tail)) {
            return;
        }
        tail = newTail;
        levels = LogLevel.classifyAll(newTail);
        refresh();
    }

    /** Shows only lines at {@code level} or above (DEBUG shows everything). */
    public void setMinLevel(LogLevel level) {
        minLevel.set(Objects.requireNonNull(level));
        refresh();
    }

    /** Shows only lines containing {@code query} (case-insensitive); blank shows all. */
    public void search(String query) {
        search = query == null ? "" : query.trim().toLowerCase(Locale.ROOT);
        refresh();
    }

    private void refresh() {
        java.util.List<String> visible = new java.util.ArrayList<>();
        int errors = 0;
        int warnings = 0;
        for (int i = 0; i < tail.size(); i++) {
            LogLevel level = levels.get(i);
            errors += level == LogLevel.ERROR ? 1 : 0;
            warnings += level == LogLevel.WARN ? 1 : 0;
            String line = tail.get(i);
            if (level.compareTo(minLevel.get()) >= 0 && (search.isEmpty() || line.toLowerCase(Locale.ROOT).contains(search))) {
                visible.add(line);
            }
        }
        if (!visible.equals(shown)) {
            shown.setAll(visible);
        }
        counts.set(visible.size() + " of " + tail.size() + " lines · " + errors + " errors · " + warnings + " warnings");
    }

    /** The lines the filters let through, oldest first; replaced only when they change. */
    public ObservableList<String> lines() { return shownReadOnly; }
    public ReadOnlyObjectProperty<LogLevel> minLevelProperty() { return minLevel.getReadOnlyProperty(); }
    /** "12 of 400 lines · 1 errors · 3 warnings": what the filter hides, at a glance. */
    public ReadOnlyStringProperty countsProperty() { return counts.getReadOnlyProperty(); }
}
