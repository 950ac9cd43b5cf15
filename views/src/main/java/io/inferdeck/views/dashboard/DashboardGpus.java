package io.inferdeck.views.dashboard;

import io.inferdeck.gpu.GpuReading;
import io.inferdeck.gpu.GpuSnapshot;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Dashboard's GPU side: one card per GPU (updated in place so the view's nodes are reused), whether
 * there are readings at all and why not, and what each sample adds to the memory series and tile.
 * FX thread only.
 */
final class DashboardGpus {
    private static final double GIB = 1024.0 * 1024 * 1024;
    /** The memory tile's note while n/a; why in full is {@link #messageProperty}, shown over the memory chart. */
    static final String NO_READINGS = "no GPU readings";

    private final DashboardSeries series;
    private final DashboardTiles tiles;
    private final ObservableList<GpuCardViewModel> cards = FXCollections.observableArrayList();
    // one wrapper, kept: listeners on a throwaway unmodifiable wrapper are dropped when it is collected
    private final ObservableList<GpuCardViewModel> cardsView = FXCollections.unmodifiableObservableList(cards);
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("GPU monitoring has not reported yet.");

    DashboardGpus(DashboardSeries series, DashboardTiles tiles) {
        this.series = series;
        this.tiles = tiles;
    }

    /** One sample at {@code nowMillis}; false when the source reported no readings (the cards are gone). */
    boolean show(GpuSnapshot snapshot, long nowMillis) {
        if (!snapshot.state().isOk()) {
            available.set(false);
            message.set(snapshot.state().message());
            cards.clear();
            tiles.memory.clear(NO_READINGS);
            return false;
        }
        available.set(!snapshot.gpus().isEmpty());
        message.set(snapshot.gpus().isEmpty() ? "The driver reports no GPUs." : snapshot.state().message());
        while (cards.size() > snapshot.gpus().size()) {
            cards.remove(cards.size() - 1);
        }
        while (cards.size() < snapshot.gpus().size()) {
            cards.add(new GpuCardViewModel());
        }
        long used = 0;
        long total = 0;
        for (int i = 0; i < snapshot.gpus().size(); i++) {
            GpuReading r = snapshot.gpus().get(i);
            cards.get(i).update(r);
            if (!r.lost() && r.memoryUsedBytes() != null && r.memoryTotalBytes() != null) {
                used += r.memoryUsedBytes();
                total += r.memoryTotalBytes();
                series.recordGpu(r.index(), nowMillis, r.memoryUsedBytes() / GIB);
            }
        }
        if (total > 0) {
            tiles.memory(used, total);
        } else {
            tiles.memory.clear(NO_READINGS);
        }
        return true;
    }

    ObservableList<GpuCardViewModel> cards() {
        return cardsView;
    }

    ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
