package io.inferdeck.views.dashboard;

import io.inferdeck.gpu.GpuProcess;
import io.inferdeck.gpu.GpuReading;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One GPU card, updated in place from each {@link GpuReading} so the view's nodes are reused.
 * Fractions are 0..1 of total memory; -1 means n/a. FX thread.
 */
public final class GpuCardViewModel {

    public enum State { OK, NOT_AVAILABLE, LOST }

    private static final double GIB = 1024.0 * 1024 * 1024;
    /** Memory above 95 % of total is red (allocation failures are near); above 76 % amber. */
    static final double MEMORY_LIMIT_FRACTION = 0.95;

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("no reading");
    private final ReadOnlyObjectWrapper<List<GpuProcessRow>> processes = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyStringWrapper memoryText = new ReadOnlyStringWrapper("n/a");
    private final ReadOnlyDoubleWrapper usedFraction = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyDoubleWrapper engineFraction = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper engineText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper utilText = new ReadOnlyStringWrapper("n/a");
    private final ReadOnlyStringWrapper tempText = new ReadOnlyStringWrapper("n/a");
    private final ReadOnlyStringWrapper powerText = new ReadOnlyStringWrapper("n/a");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.NOT_AVAILABLE);
    private final ReadOnlyObjectWrapper<SloLevel> memoryLevel = new ReadOnlyObjectWrapper<>(SloLevel.NEUTRAL);

    void update(GpuReading r) {
        title.set("GPU " + r.index() + " · " + (r.name() == null ? "unknown" : r.name()));
        details.set((r.name() == null ? "name n/a" : r.name()) + "\n" + (r.uuid() == null ? "UUID n/a" : r.uuid())
                + "\nPCI " + (r.pciBusId() == null ? "n/a" : r.pciBusId()));
        List<GpuProcessRow> rows = r.processes() == null || r.lost() ? List.of()
                : r.processes().stream().map(GpuProcessRow::of).toList();
        if (!rows.equals(processes.get())) {
            processes.set(rows);    // only on change: the card rebuilds its rows from this
        }
        statusText.set(status(r, rows.size()));
        if (r.lost()) {
            state.set(State.LOST);
            memoryText.set("lost");
            usedFraction.set(-1);
            engineFraction.set(0);
            engineText.set("");
            utilText.set("n/a");
            tempText.set("n/a");
            powerText.set("n/a");
            memoryLevel.set(SloLevel.BREACH);
            return;
        }
        Long total = r.memoryTotalBytes();
        Long used = r.memoryUsedBytes();
        boolean memoryKnown = total != null && used != null && total > 0;
        state.set(memoryKnown ? State.OK : State.NOT_AVAILABLE);
        if (memoryKnown) {
            double fraction = (double) used / total;
            usedFraction.set(fraction);
            memoryText.set(fmt("%.1f / %.1f GiB", used / GIB, total / GIB));
            memoryLevel.set(SloLevel.against(fraction, MEMORY_LIMIT_FRACTION));
        } else {
            usedFraction.set(-1);
            memoryText.set("n/a");
            memoryLevel.set(SloLevel.NEUTRAL);
        }
        long engineBytes = 0;
        StringBuilder names = new StringBuilder();
        if (r.processes() != null) {
            for (GpuProcess p : r.processes()) {
                if (p.engineName() != null && p.usedMemoryBytes() != null) {
                    engineBytes += p.usedMemoryBytes();
                    if (names.indexOf(p.engineName()) < 0) {
                        names.append(names.isEmpty() ? "" : ", ").append(p.engineName());
                    }
                }
            }
        }
        engineFraction.set(memoryKnown ? Math.min(1.0, (double) engineBytes / total) : 0);
        engineText.set(engineBytes > 0 ? fmt("%s %.1f GiB", names, engineBytes / GIB) : "");
        utilText.set(r.gpuUtilizationPercent() == null ? "n/a" : r.gpuUtilizationPercent() + " %");
        tempText.set(r.temperatureCelsius() == null ? "n/a" : r.temperatureCelsius() + " °C");
        powerText.set(power(r.powerMilliwatts(), r.powerLimitMilliwatts()));
    }

    /** What the state badge says, in words an operator reads at a glance. */
    private static String status(GpuReading r, int processCount) {
        if (r.lost()) {
            return "lost: off the bus, needs a reset";
        }
        if (r.memoryTotalBytes() == null) {
            return "no memory reading";
        }
        if (r.processes() == null) {
            return "processes n/a";
        }
        return processCount == 0 ? "idle, no processes" : processCount == 1 ? "1 process" : processCount + " processes";
    }

    private static String power(Long mw, Long limitMw) {
        if (mw == null) {
            return "n/a";
        }
        return limitMw == null ? fmt("%d W", mw / 1000) : fmt("%d / %d W", mw / 1000, limitMw / 1000);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    public ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }
    /** Full product name, UUID and PCI bus id, one per line (the title may be cut). */
    public ReadOnlyStringProperty detailsProperty() { return details.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusTextProperty() { return statusText.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<List<GpuProcessRow>> processesProperty() { return processes.getReadOnlyProperty(); }
    public ReadOnlyStringProperty memoryTextProperty() { return memoryText.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty usedFractionProperty() { return usedFraction.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty engineFractionProperty() { return engineFraction.getReadOnlyProperty(); }
    public ReadOnlyStringProperty engineTextProperty() { return engineText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty utilTextProperty() { return utilText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty tempTextProperty() { return tempText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty powerTextProperty() { return powerText.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<State> stateProperty() { return state.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<SloLevel> memoryLevelProperty() { return memoryLevel.getReadOnlyProperty(); }
}
